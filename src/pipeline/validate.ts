/**
 * `validate [--date D | --days N] [--strict]`: the daily data-quality check of SPEC section 7.
 * Sweeps abandoned runs first, runs every check over the window, stores the result as history
 * (kind `daily_check`), sends at most one alert (or one resolution), and decides the exit code:
 * 1 when critical, or when warnings with --strict; a delivery problem never changes it.
 */
import type { AlertResult } from '../alerts/sink.js';
import type { IsoDate } from '../domain/types.js';
import { type ExitCode, InputError } from '../errors.js';
import { addDays, dateRange, todayIn } from '../util/dates.js';
import { DAILY_CHECK_TABLE, dailyCheckAlert, windowScope } from './checks/alert.js';
import { runChecks } from './checks/index.js';
import {
  type CheckResult,
  type CheckStatus,
  type ValidationWindow,
  worse,
} from './checks/types.js';
import { WindowData } from './checks/window-data.js';
import type { PipelineContext } from './context.js';
import { sweepAbandoned } from './sweep.js';

/** Default window length in days (ending yesterday). */
export const DEFAULT_VALIDATE_DAYS = 7;

/** The most days one validate run looks at. */
export const MAX_VALIDATE_DAYS = 3660;

export interface ValidateOptions {
  /** One date; exclusive with `days`. */
  date?: IsoDate;
  /** The last N days ending yesterday (default 7). */
  days?: number;
  strict?: boolean;
}

/** The validate JSON: `{status, from, to, checks}` plus the stored id, the alert and swept runs. */
export interface ValidateReport {
  status: CheckStatus;
  from: IsoDate;
  to: IsoDate;
  checks: CheckResult[];
  validationId: string | null;
  alert: AlertResult | null;
  abandonedRuns: string[];
}

/** The window: one `--date`, or the last `days` days ending yesterday in `timeZone`. */
export function validationWindow(
  opts: ValidateOptions,
  timeZone: string,
  now = new Date(),
): ValidationWindow {
  if (opts.date !== undefined && opts.days !== undefined)
    throw new InputError('give --date or --days, not both', { field: '--days' });
  const days = opts.days ?? DEFAULT_VALIDATE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_VALIDATE_DAYS)
    throw new InputError(`--days must be a whole number from 1 to ${MAX_VALIDATE_DAYS}`, {
      field: '--days',
    });
  const to = opts.date ?? addDays(todayIn(timeZone, now), -1);
  const from = opts.date ?? addDays(to, -(days - 1));
  return { from, to, dates: dateRange(from, to) };
}

async function sweep(ctx: PipelineContext): Promise<string[]> {
  try {
    return await sweepAbandoned(ctx);
  } catch (err) {
    ctx.log.warn({ err: String(err) }, 'abandoned-run sweep failed; the checks run anyway');
    return [];
  }
}

async function store(
  ctx: PipelineContext,
  window: ValidationWindow,
  status: CheckStatus,
  checks: CheckResult[],
) {
  try {
    return await ctx.store.insertValidation({
      kind: 'daily_check',
      runId: null,
      from: window.from,
      to: window.to,
      status,
      result: { status, checks },
    });
  } catch (err) {
    ctx.log.error({ err: String(err) }, 'the daily check result could not be stored');
    return null;
  }
}

/** Run the daily check. Throws only on bad options (exit 2). */
export async function validate(
  ctx: PipelineContext,
  opts: ValidateOptions,
): Promise<{ report: ValidateReport; exitCode: ExitCode }> {
  const window = validationWindow(opts, ctx.config.timeZone);
  const abandonedRuns = await sweep(ctx);
  const checks = await runChecks({
    store: ctx.store,
    lock: ctx.lock,
    window,
    today: todayIn(ctx.config.timeZone),
    nowMs: Date.now(),
    data: new WindowData(ctx.store, window),
  });
  const status = checks.reduce<CheckStatus>((acc, c) => worse(acc, c.status), 'ok');
  const validationId = await store(ctx, window, status, checks);
  for (const c of checks.filter((c) => c.status !== 'ok'))
    ctx.log[c.status === 'critical' ? 'error' : 'warn'](
      { check: c.name, count: c.count },
      `${c.name} ${c.status}: ${c.summary}`,
    );
  const alert =
    status === 'critical'
      ? await ctx.alerts.raise(dailyCheckAlert(window, checks, validationId))
      : await ctx.alerts.resolve('daily_check', DAILY_CHECK_TABLE, windowScope(window));
  const exitCode: ExitCode = status === 'critical' || (opts.strict && status === 'warning') ? 1 : 0;
  return {
    report: {
      status,
      from: window.from,
      to: window.to,
      checks,
      validationId,
      alert,
      abandonedRuns,
    },
    exitCode,
  };
}
