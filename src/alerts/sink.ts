/**
 * Alert events raised by the write path and the daily check. The sink decides delivery
 * (Slack with suppression, or log-and-store only); raising an alert never throws and never
 * changes an exit code.
 */

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
}

export interface AlertSink {
  raise(alert: AlertRequest): Promise<void>;
  /** A later run of the same kind found the fingerprint fixed. */
  resolve(event: AlertEvent, table: string, scope: string): Promise<void>;
}

/** A sink that only logs: used until a delivering sink is configured. */
export function loggingAlertSink(log: { warn: (obj: object, msg: string) => void }): AlertSink {
  return {
    async raise(alert) {
      log.warn({ alert }, `alert ${alert.event} for ${alert.table} ${alert.scope}: ${alert.title}`);
    },
    async resolve() {},
  };
}
