/** The daily check's vocabulary: check names, statuses, results, and what a check is given. */
import type { IsoDate } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import type { LockService } from '../context.js';
import type { WindowData } from './window-data.js';

/** Every check of SPEC section 7, in report order. */
export const CHECK_NAMES = [
  'accuracy_duplicates',
  'prediction_duplicates',
  'overlapping_runs',
  'ungraded_dates',
  'unique_guard',
  'freshness',
  'volume',
  'lock_health',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** Statuses, least to most severe. */
export const CHECK_STATUSES = ['ok', 'warning', 'critical'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** The dates a validate run looks at (inclusive), ascending. */
export interface ValidationWindow {
  from: IsoDate;
  to: IsoDate;
  dates: IsoDate[];
}

/** What a check finds: `count` is the number of offending items (keys, dates, runs, leases). */
export interface CheckFinding {
  status: CheckStatus;
  count: number;
  /** One line for people. */
  summary: string;
  details: Record<string, unknown>;
  /** The exact command to run next, or null when there is nothing to do. */
  nextCommand: string | null;
}

/** One check's entry in the validate JSON: `{name, status, count, details}` plus a summary and the next command. */
export interface CheckResult extends CheckFinding {
  name: CheckName;
}

/** What every check is given. */
export interface CheckContext {
  store: Store;
  /** null under `--lock none`. */
  lock: LockService | null;
  window: ValidationWindow;
  /** Today in PROPGRADE_TIMEZONE. */
  today: IsoDate;
  /** Wall-clock milliseconds when the validate run started. */
  nowMs: number;
  /** Reads shared by several checks, each loaded once. */
  data: WindowData;
}

/** One check. `run` may throw: the runner reports that as critical with the error. */
export interface Check {
  name: CheckName;
  run(ctx: CheckContext): Promise<CheckFinding>;
}

/** The more severe of two statuses. */
export function worse(a: CheckStatus, b: CheckStatus): CheckStatus {
  return CHECK_STATUSES.indexOf(a) >= CHECK_STATUSES.indexOf(b) ? a : b;
}

/** A finding with nothing wrong. */
export function okFinding(summary: string, details: Record<string, unknown> = {}): CheckFinding {
  return { status: 'ok', count: 0, summary, details, nextCommand: null };
}
