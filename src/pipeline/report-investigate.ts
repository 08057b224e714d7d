/**
 * `report [--from D --to D]`: the investigation report of SPEC section 7. The graded rows of the
 * range stream through a KeyTally (nothing is computed in SQL), the range's ledger supplies the
 * known run ids, overlaps and long runs; `buildInvestigation` assembles the JSON, pure.
 */
import { compareText } from '../domain/keys.js';
import { KeyTally, splitTallyKey } from '../domain/report.js';
import type { IsoDate } from '../domain/types.js';
import type { AccuracyKey, DateRange, RunRecord, Store } from '../store/store.js';
import {
  accuracyFigures,
  type Cause,
  type CauseCounts,
  causeFigures,
  causeOf,
  type DateFigures,
  dateFigures,
  type KeyFigures,
  type SystemAccuracyComparison,
  totalFigures,
} from './report-figures.js';
import { type LongRun, longRuns, overlappingRuns, type RunOverlap } from './report-runs.js';

/** One duplicate key, named. */
export interface DuplicateKeyCause extends AccuracyKey {
  rows: number;
  cause: Cause;
}

/** The report's JSON (SPEC section 7 `report`, with `from`, `to`, `lockTtlMs` and `topKeys` added). */
export interface InvestigationReport {
  from: IsoDate | null;
  to: IsoDate | null;
  lockTtlMs: number;
  totals: KeyFigures & { nullLineRows: number; naiveUniqueKeys: number };
  byDate: DateFigures[];
  causes: CauseCounts & { lineMovement: number };
  overlappingRuns: RunOverlap[];
  longRuns: LongRun[];
  accuracy: SystemAccuracyComparison[];
  /** The duplicate keys with the most rows (at most 20). */
  topKeys: DuplicateKeyCause[];
}

/** At most this many duplicate keys are named. */
export const TOP_KEYS = 20;

/** The duplicate keys with the most rows, ties by key text. */
export function topDuplicateKeys(tally: KeyTally, limit = TOP_KEYS): DuplicateKeyCause[] {
  return [...tally.keys.entries()]
    .filter(([, state]) => state.rows > 1)
    .sort(([ka, a], [kb, b]) => b.rows - a.rows || compareText(ka, kb))
    .slice(0, limit)
    .map(([key, state]) => ({
      ...splitTallyKey(key),
      gameDate: state.gameDate,
      rows: state.rows,
      cause: causeOf(state),
    }));
}

/** Assemble the report from a finished tally and the range's runs. */
export function buildInvestigation(
  tally: KeyTally,
  runs: readonly RunRecord[],
  opts: DateRange & { lockTtlMs: number },
): InvestigationReport {
  return {
    from: opts.from ?? null,
    to: opts.to ?? null,
    lockTtlMs: opts.lockTtlMs,
    totals: totalFigures(tally),
    byDate: dateFigures(tally),
    causes: causeFigures(tally),
    overlappingRuns: overlappingRuns(runs),
    longRuns: longRuns(runs, opts.lockTtlMs),
    accuracy: accuracyFigures(tally),
    topKeys: topDuplicateKeys(tally),
  };
}

/** Stream the range's rows and ledger into the report. */
export async function investigate(
  store: Store,
  range: DateRange,
  lockTtlMs: number,
): Promise<InvestigationReport> {
  const runs = await store.listRuns({ from: range.from, to: range.to });
  const tally = new KeyTally(new Set(runs.map((r) => r.runId)));
  for await (const batch of store.streamAccuracy(range)) for (const row of batch) tally.add(row);
  return buildInvestigation(tally, runs, { ...range, lockTtlMs });
}
