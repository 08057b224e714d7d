/** `accuracy`: per-system figures over a range, pooled from graded rows (SPEC 3.4). */
import { PerformanceAccumulator } from '../domain/performance.js';
import type { IsoDate, PerformanceFigures } from '../domain/types.js';
import type { Store } from '../store/store.js';

export interface SystemAccuracy {
  systemId: string;
  predictions: number;
  graded: number;
  correct: number;
  incorrect: number;
  pushes: number;
  voided: number;
  noLine: number;
  hitRate: number | null;
  mae: number | null;
  bias: number | null;
  profitUnits: number;
  roi: number | null;
}

export interface AccuracyReport {
  from: IsoDate | null;
  to: IsoDate | null;
  systems: SystemAccuracy[];
}

/** Pool every graded row of the range per system. */
export async function accuracy(
  store: Store,
  range: { from?: IsoDate; to?: IsoDate; systemId?: string },
): Promise<AccuracyReport> {
  const bySystem = new Map<string, PerformanceAccumulator>();
  for await (const batch of store.streamAccuracy(range)) {
    for (const row of batch) {
      const acc = bySystem.get(row.systemId) ?? new PerformanceAccumulator();
      bySystem.set(row.systemId, acc);
      acc.add(row);
    }
  }
  const systems = [...bySystem.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([systemId, acc]) => toSystemAccuracy(systemId, acc.figures()));
  return { from: range.from ?? null, to: range.to ?? null, systems };
}

function toSystemAccuracy(systemId: string, f: PerformanceFigures): SystemAccuracy {
  return {
    systemId,
    predictions: f.predictions,
    graded: f.graded,
    correct: f.correct,
    incorrect: f.incorrect,
    pushes: f.pushes,
    voided: f.voided,
    noLine: f.noLine,
    hitRate: f.hitRate,
    mae: f.mae,
    bias: f.bias,
    profitUnits: f.profitUnits,
    roi: f.roi,
  };
}
