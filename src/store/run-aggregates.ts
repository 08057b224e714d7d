/**
 * Decoding the ledger aggregate both stores compute in SQL (serve's /metrics): one row per
 * (trigger, status) with `<measure>_count`, `<measure>_sum` and `<measure>_b<i>` columns. Measure
 * names are lower-case snake so PostgreSQL's identifier folding leaves them as written.
 */
import type { RunStatus, Trigger } from '../domain/types.js';
import type { LedgerHistogram, RunAggregate } from './store.js';

/** The measured quantities of a run, as column-name prefixes. */
export const RUN_MEASURES = ['duration', 'lock_wait', 'hold'] as const;
export type RunMeasure = (typeof RUN_MEASURES)[number];

type Raw = Record<string, unknown>;

function histogramOf(r: Raw, measure: RunMeasure, n: number): LedgerHistogram {
  return {
    count: Number(r[`${measure}_count`]),
    sumMs: Number(r[`${measure}_sum`]),
    buckets: Array.from({ length: n }, (_, i) => Number(r[`${measure}_b${i}`] ?? 0)),
  };
}

/** One aggregate row, with `n` histogram buckets per measure. */
export function decodeRunAggregate(r: Raw, n: number): RunAggregate {
  return {
    trigger: r.trigger as Trigger,
    status: r.status as RunStatus,
    runs: Number(r.runs),
    rowsWritten: Number(r.rows_written),
    duplicateKeys: Number(r.duplicate_keys),
    duration: histogramOf(r, 'duration', n),
    lockWait: histogramOf(r, 'lock_wait', n),
    hold: histogramOf(r, 'hold', n),
  };
}
