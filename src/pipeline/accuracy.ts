/** `accuracy`: per-system figures over a range, pooled from graded rows (SPEC 3.4). */
import { PerformanceAccumulator } from '../domain/performance.js';
import type { IsoDate, PerformanceFigures } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** The figures `accuracy` reports per system (SPEC section 7), a subset of SPEC 3.4's. */
export const ACCURACY_FIELDS = [
  'predictions',
  'graded',
  'correct',
  'incorrect',
  'pushes',
  'voided',
  'noLine',
  'hitRate',
  'mae',
  'bias',
  'profitUnits',
  'roi',
] as const satisfies readonly (keyof PerformanceFigures)[];

export type SystemAccuracy = { systemId: string } & Pick<
  PerformanceFigures,
  (typeof ACCURACY_FIELDS)[number]
>;

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
  const picked = Object.fromEntries(ACCURACY_FIELDS.map((k) => [k, f[k]]));
  return { systemId, ...picked } as SystemAccuracy;
}
