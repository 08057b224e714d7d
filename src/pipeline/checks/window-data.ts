/**
 * Reads several checks share, each loaded at most once per validate run. A read that fails
 * fails every check that needs it (each reported critical with the error), and no other.
 */
import type { IsoDate, IsoTimestamp } from '../../domain/types.js';
import type { GameFacts, RunRecord, Store } from '../../store/store.js';
import { type DateSummary, summariseDates } from './date-facts.js';
import type { ValidationWindow } from './types.js';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= load();
    return cached;
  };
}

/** Shared reads of one window. */
export class WindowData {
  /** Per (date, game) facts of the window. */
  readonly gameFacts: () => Promise<GameFacts[]>;
  /** Per-date summaries of the window (dates with predictions or actuals). */
  readonly dates: () => Promise<Map<IsoDate, DateSummary>>;
  /** Graded rows per date of the window. */
  readonly gradedRows: () => Promise<Map<IsoDate, number>>;
  /** Every ledger run of the window's dates. */
  readonly runs: () => Promise<RunRecord[]>;
  /** The finish of the last successful grading per date of the window. */
  readonly lastGraded: () => Promise<Map<IsoDate, IsoTimestamp>>;

  constructor(store: Store, window: ValidationWindow) {
    const range = { from: window.from, to: window.to };
    this.gameFacts = once(() => store.gameFacts(range));
    this.dates = once(async () => summariseDates(await this.gameFacts()));
    this.gradedRows = once(() => store.gradedRowCounts(range));
    this.runs = once(() => store.listRuns(range));
    this.lastGraded = once(async () => lastSuccess(await this.runs()));
  }
}

function lastSuccess(runs: readonly RunRecord[]): Map<IsoDate, IsoTimestamp> {
  const out = new Map<IsoDate, IsoTimestamp>();
  for (const run of runs) {
    if (run.status !== 'succeeded' || run.finishedAt === null) continue;
    const known = out.get(run.gameDate);
    if (known === undefined || run.finishedAt > known) out.set(run.gameDate, run.finishedAt);
  }
  return out;
}
