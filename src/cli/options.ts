/** Options shared by every command and the strict parsers used for flag values. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ConfigFlags } from '../config.js';
import { isIsoDate } from '../util/dates.js';

/** Add the connection, lock, logging and output options to a command. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option(
      '--db <url>',
      'database: sqlite:<file>, a file path, or postgres://… (env PROPGRADE_DATABASE_URL)',
    )
    .option('--lock <url>', 'lock backend URL, or "none" (env PROPGRADE_LOCK_URL)')
    .option('--lock-ttl <ms>', 'lease TTL in ms (env PROPGRADE_LOCK_TTL_MS, default 300000)')
    .option(
      '--wait <ms>',
      'how long to wait for a lease in ms (env PROPGRADE_LOCK_WAIT_MS, default 300000)',
    )
    .option(
      '--tz <zone>',
      'IANA time zone for "today" (env PROPGRADE_TIMEZONE, default America/New_York)',
    )
    .option('--log-level <level>', 'log level (env PROPGRADE_LOG_LEVEL, default info)')
    .option('--json', 'print exactly one JSON document on stdout');
}

/** The configuration flags out of a command's options. */
export function configFlags(opts: Record<string, unknown>): ConfigFlags {
  const pick = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  return {
    db: pick('db'),
    lock: pick('lock'),
    lockTtl: pick('lockTtl'),
    wait: pick('wait'),
    tz: pick('tz'),
    logLevel: pick('logLevel'),
  };
}

/** Parser for a `YYYY-MM-DD` calendar date flag. */
export function parseDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`"${value}" is not a real YYYY-MM-DD date`);
  return value;
}

/** Parser for a positive integer flag. */
export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  return Number(value);
}

/** An option restricted to a closed set. */
export function choiceOption(
  flags: string,
  description: string,
  choices: readonly string[],
  fallback?: string,
): Option {
  const option = new Option(flags, description).choices(choices);
  return fallback === undefined ? option : option.default(fallback);
}
