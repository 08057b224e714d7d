/** The shapes the benchmark reports (printed as a table, written as JSON) and how they are built. */
import { median, round, roundFigure } from './stats.js';

/** Every scenario, in the order they run. */
export const SCENARIOS = ['grade-263k', 'lock', 'scale', 'memory', 'cleanup', 'backfill'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** A goal for a measurement: its ratio or its value at most / at least a number. */
export interface Target {
  bound: 'max' | 'min';
  of: 'ratio' | 'value';
  value: number;
}

/** What a measurement is compared with, measured in the same runs. */
export interface Reference {
  name: string;
  median: number;
  runs: number[];
}

/** One figure of a scenario: the median of its runs, its reference, ratio and target. */
export interface Measurement {
  name: string;
  unit: 'ms' | 'MB';
  median: number;
  runs: number[];
  reference?: Reference;
  /** `value/reference` (a slowdown, e.g. against a floor) or `reference/value` (a speed-up). */
  ratioOf?: 'value/reference' | 'reference/value';
  ratio?: number;
  target?: Target;
  met?: boolean;
  /** Further medians worth keeping (in-process time, peak RSS, p99 …). */
  extra?: Record<string, number | string>;
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  name: ScenarioName;
  status: 'ok' | 'not_measurable' | 'failed';
  durationMs: number;
  method: string;
  measurements: Measurement[];
  note?: string;
}

/** What a scenario measured, before medians and ratios are taken. */
export interface MeasurementInput {
  name: string;
  unit: 'ms' | 'MB';
  runs: number[];
  reference?: { name: string; runs: number[] };
  ratioOf?: Measurement['ratioOf'];
  target?: Target;
  extra?: Record<string, number | string>;
}

function meets(target: Target, value: number): boolean {
  return target.bound === 'max' ? value <= target.value : value >= target.value;
}

/** Medians, the ratio of medians and whether the target is met. */
export function measurement(input: MeasurementInput): Measurement {
  const value = median(input.runs);
  const out: Measurement = {
    name: input.name,
    unit: input.unit,
    median: roundFigure(value),
    runs: input.runs.map(roundFigure),
  };
  let ratio: number | undefined;
  if (input.reference) {
    const ref = median(input.reference.runs);
    out.reference = {
      name: input.reference.name,
      median: roundFigure(ref),
      runs: input.reference.runs.map(roundFigure),
    };
    out.ratioOf = input.ratioOf ?? 'value/reference';
    ratio = out.ratioOf === 'value/reference' ? value / ref : ref / value;
    out.ratio = round(ratio, 3);
  }
  if (input.target) {
    out.target = input.target;
    const judged = input.target.of === 'ratio' ? ratio : value;
    if (judged !== undefined && Number.isFinite(judged)) out.met = meets(input.target, judged);
  }
  if (input.extra) out.extra = input.extra;
  return out;
}

/** A target as people read it: `≤ 1.5x`, `≥ 1.6x`, `≤ 300 MB`. */
export function describeTarget(target: Target, unit: string): string {
  const sign = target.bound === 'max' ? '≤' : '≥';
  return target.of === 'ratio' ? `${sign} ${target.value}x` : `${sign} ${target.value} ${unit}`;
}
