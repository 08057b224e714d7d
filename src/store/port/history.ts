/** Service history (serve: /metrics and the dashboard; src/store/<backend>/history.ts). */
import type { IsoDate, IsoTimestamp, RunStatus, Trigger } from '../../domain/types.js';
import type { DateRange, ValidationRecord } from './core.js';

/** One stored validation result (post-write or daily check). */
export interface ValidationEntry extends ValidationRecord {
  validationId: string;
  createdAt: IsoTimestamp;
}

/** Which validation results to list (newest first); `limit` defaults to 50. */
export interface ValidationFilter {
  kind?: ValidationRecord['kind'];
  limit?: number;
}

/** A histogram over ledger values: `buckets[i]` counts observations ≤ `boundsMs[i]` (cumulative). */
export interface LedgerHistogram {
  count: number;
  sumMs: number;
  buckets: number[];
}

/** Ledger runs of one (trigger, status): counts, sums and histograms of duration, lock wait, hold. */
export interface RunAggregate {
  trigger: Trigger;
  status: RunStatus;
  runs: number;
  rowsWritten: number;
  duplicateKeys: number;
  /** `finished_at - started_at` of runs that finished. */
  duration: LedgerHistogram;
  /** `lock_wait_ms` of runs that recorded one. */
  lockWait: LedgerHistogram;
  /** Hold windows `[lock_acquired_at (started_at for --lock none), finished_at]`. */
  hold: LedgerHistogram;
}

/** Stored alerts of one (event, outcome). */
export interface AlertCount {
  event: string;
  outcome: string;
  alerts: number;
}

/** NULL-safe key counts of prediction_accuracy for one date. */
export interface DateDuplicates {
  gameDate: IsoDate;
  rows: number;
  uniqueKeys: number;
  duplicateKeys: number;
  duplicateRows: number;
}

/** Service history — the port's methods. */
export interface HistoryStore {
  /** Stored validation results, newest first. */
  listValidations(filter?: ValidationFilter): Promise<ValidationEntry[]>;
  /** The whole ledger grouped by (trigger, status), histograms over the given bucket bounds. */
  runAggregates(boundsMs: readonly number[]): Promise<RunAggregate[]>;
  /** Stored alerts counted by (event, outcome). */
  alertCounts(): Promise<AlertCount[]>;
  /** Per graded date of the range (all when empty): rows, unique keys and duplicate keys. */
  duplicatesByDate(range: DateRange): Promise<DateDuplicates[]>;
}
