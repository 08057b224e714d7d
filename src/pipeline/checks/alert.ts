/**
 * The daily check's one alert per run (fingerprint: event `daily_check`, table, window): every
 * critical check with its count, the duplicate keys' details when there are any, the run ids,
 * and the first critical check's command as the command to run next.
 */
import type { AlertRequest } from '../../alerts/sink.js';
import type { CheckResult, ValidationWindow } from './types.js';

/** The table a daily-check fingerprint names. */
export const DAILY_CHECK_TABLE = 'prediction_accuracy';

/** The fingerprint scope of a window: `from..to`. */
export function windowScope(window: Pick<ValidationWindow, 'from' | 'to'>): string {
  return `${window.from}..${window.to}`;
}

function runIdsOf(results: readonly CheckResult[]): string[] {
  return [
    ...new Set(
      results.flatMap((r) =>
        Array.isArray(r.details.runIds) ? r.details.runIds.map((id) => String(id)) : [],
      ),
    ),
  ];
}

/** The alert for a validate run with critical findings. */
export function dailyCheckAlert(
  window: ValidationWindow,
  results: readonly CheckResult[],
  validationId: string | null,
): AlertRequest {
  const critical = results.filter((r) => r.status === 'critical');
  const duplicates = critical.find((r) => r.name === 'accuracy_duplicates');
  const problems = results.filter((r) => r.status !== 'ok');
  return {
    event: 'daily_check',
    table: DAILY_CHECK_TABLE,
    scope: windowScope(window),
    severity: critical.length,
    title: `daily check ${windowScope(window)}: ${critical.length} critical (${critical.map((r) => r.name).join(', ')})`,
    details: {
      validationId,
      criticalChecks: critical.length,
      checks: problems.map(({ name, status, count, summary, nextCommand }) => ({
        name,
        status,
        count,
        summary,
        nextCommand,
      })),
      top: duplicates?.details.top ?? [],
      runIds: runIdsOf(critical),
    },
    nextCommand: critical.find((r) => r.nextCommand !== null)?.nextCommand ?? null,
    measures: Object.fromEntries(critical.map((r) => [r.name, r.count])),
  };
}
