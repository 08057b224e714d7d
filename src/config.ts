/**
 * Configuration of SPEC section 6: flags override environment variables; validated once at the
 * edge, so the pipeline receives a complete, typed `Config`.
 */
import { InputError } from './errors.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  databaseUrl: string;
  /** Lock URL, or 'none'. */
  lockUrl: string;
  lockNamespace: string | null;
  lockTtlMs: number;
  lockWaitMs: number;
  timeZone: string;
  slackWebhookUrl: string | null;
  alertSuppressHours: number;
  apiToken: string | null;
  logLevel: LogLevel;
  /**
   * Largest date, in prediction versions, whose selection a grade keeps in memory between its two
   * passes (PROPGRADE_GRADE_BUFFER_ROWS, default 300,000); a larger date reads its snapshot a
   * second time instead. 0 always re-reads.
   */
  gradeBufferRows: number;
  /**
   * Whether `backfill --concurrency N > 1` grades in worker threads (PROPGRADE_BACKFILL_THREADS,
   * `1` default, `0` grades every date in this thread).
   */
  backfillThreads: boolean;
}

/** Default of Config.gradeBufferRows: about 100 MB of selected versions. */
export const DEFAULT_GRADE_BUFFER_ROWS = 300_000;

/** Flags that may override the environment. */
export interface ConfigFlags {
  db?: string;
  lock?: string;
  lockTtl?: string;
  wait?: string;
  tz?: string;
  logLevel?: string;
}

/** `sqlite:<file>` for a bare path; other URLs as given. */
export function normaliseDatabaseUrl(raw: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[a-z]:[\\/]/i.test(raw) ? raw : `sqlite:${raw}`;
}

/** The SQLite file of a `sqlite:` URL, or null. */
export function sqliteFileOf(url: string): string | null {
  return url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : null;
}

function positiveInt(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    throw new InputError(`${name} must be a positive whole number of milliseconds (got "${raw}")`, {
      field: name,
    });
  }
  return Number(raw);
}

function wholeNumber(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    throw new InputError(`${name} must be a whole number of rows (got "${raw}")`, { field: name });
  }
  return Number(raw);
}

function timeZone(raw: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
    return raw;
  } catch {
    throw new InputError(`unknown time zone "${raw}"`, { field: '--tz' });
  }
}

function logLevel(raw: string): LogLevel {
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new InputError(`log level must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`, {
    field: '--log-level',
  });
}

/** Resolve the configuration from flags and an environment. */
export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = normaliseDatabaseUrl(
    flags.db ?? env.PROPGRADE_DATABASE_URL ?? './propgrade.db',
  );
  const sqliteFile = sqliteFileOf(databaseUrl);
  const defaultLock = sqliteFile ? `sqlite:${sqliteFile}.locks` : databaseUrl;
  const lockRaw = flags.lock ?? env.PROPGRADE_LOCK_URL ?? defaultLock;
  return {
    databaseUrl,
    lockUrl: lockRaw === 'none' ? 'none' : normaliseDatabaseUrl(lockRaw),
    lockNamespace: env.PROPGRADE_LOCK_NAMESPACE || null,
    lockTtlMs: positiveInt(flags.lockTtl ?? env.PROPGRADE_LOCK_TTL_MS, '--lock-ttl', 300_000),
    lockWaitMs: positiveInt(flags.wait ?? env.PROPGRADE_LOCK_WAIT_MS, '--wait', 300_000),
    timeZone: timeZone(flags.tz ?? env.PROPGRADE_TIMEZONE ?? 'America/New_York'),
    slackWebhookUrl: env.PROPGRADE_SLACK_WEBHOOK_URL || null,
    alertSuppressHours: Number(env.PROPGRADE_ALERT_SUPPRESS_HOURS ?? 6),
    apiToken: env.PROPGRADE_API_TOKEN || null,
    logLevel: logLevel(flags.logLevel ?? env.PROPGRADE_LOG_LEVEL ?? 'info'),
    gradeBufferRows: wholeNumber(
      env.PROPGRADE_GRADE_BUFFER_ROWS,
      'PROPGRADE_GRADE_BUFFER_ROWS',
      DEFAULT_GRADE_BUFFER_ROWS,
    ),
    backfillThreads: onOff(env.PROPGRADE_BACKFILL_THREADS, 'PROPGRADE_BACKFILL_THREADS', true),
  };
}

function onOff(raw: string | undefined, name: string, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw !== '0' && raw !== '1') {
    throw new InputError(`${name} must be 0 or 1 (got "${raw}")`, { field: name });
  }
  return raw === '1';
}

/** Replace any password in a URL with `***`. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@/]*)@/, '//$1:***@');
}
