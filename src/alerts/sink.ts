/**
 * Alert events raised by the write path and the daily check. The sink decides delivery
 * (Slack with suppression, or log-and-store only); raising an alert never throws and never
 * changes an exit code.
 */
import type { AlertOutcome } from '../store/store.js';

export const ALERT_EVENTS = [
  'duplicates_after_write',
  'lock_unavailable',
  'lock_lost',
  'stale_fence',
  'lock_timeout',
  'grading_failed',
  'daily_check',
] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** Events of a failed write: a later successful write of the same date resolves them. */
export const WRITE_FAILURE_EVENTS = [
  'lock_unavailable',
  'lock_lost',
  'stale_fence',
  'lock_timeout',
  'grading_failed',
] as const satisfies readonly AlertEvent[];

export interface AlertRequest {
  event: AlertEvent;
  table: string;
  /** A date, or a window `from..to`. */
  scope: string;
  /** Higher means worse; used for escalation inside the suppression window. */
  severity: number;
  title: string;
  details: Record<string, unknown>;
  /** The command an operator should run next. */
  nextCommand: string | null;
  /**
   * What escalation compares, one count per name (the daily check: per critical check). Worse
   * means a name that was not there or a higher count. Default: `{ [event]: severity }`.
   */
  measures?: Record<string, number>;
}

/** What became of one raise or resolve. */
export interface AlertResult {
  fingerprint: string;
  /** `error` when the alert could not even be recorded (it was still logged). */
  outcome: AlertOutcome | 'error';
  attempts: number;
  alertId: string | null;
}

export interface AlertSink {
  /** Record the alert, and deliver it unless suppressed. Never throws. */
  raise(alert: AlertRequest): Promise<AlertResult | null>;
  /** A later run of the same kind found the fingerprint fixed. Null when nothing was open. */
  resolve(event: AlertEvent, table: string, scope: string): Promise<AlertResult | null>;
}

/** A sink that only logs (used where no store is at hand). */
export function loggingAlertSink(log: { warn: (obj: object, msg: string) => void }): AlertSink {
  return {
    async raise(alert) {
      log.warn({ alert }, `alert ${alert.event} for ${alert.table} ${alert.scope}: ${alert.title}`);
      return null;
    },
    async resolve() {
      return null;
    },
  };
}

/** A sink that queues raises and resolves until `flush()`: a writer alerts after releasing its lease. */
export function deferredAlertSink(inner: AlertSink): AlertSink & { flush(): Promise<void> } {
  const queue: (() => Promise<unknown>)[] = [];
  return {
    async raise(alert) {
      queue.push(() => inner.raise(alert));
      return null;
    },
    async resolve(event, table, scope) {
      queue.push(() => inner.resolve(event, table, scope));
      return null;
    },
    async flush() {
      for (const send of queue.splice(0)) await send();
    },
  };
}
