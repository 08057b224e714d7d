/** Structured logging to stderr: JSON lines, or pretty on a TTY. Secrets are redacted by path. */
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

export type { Logger };

const REDACT = [
  'password',
  'token',
  'webhookUrl',
  'apiToken',
  'authorization',
  '*.password',
  '*.token',
];

/** A logger writing to stderr. */
export function createLogger(level: LogLevel): Logger {
  const options = { level, base: { pid: process.pid }, redact: { paths: REDACT, censor: '***' } };
  if (process.stderr.isTTY) {
    return pino(
      options,
      loadPretty()({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname' }),
    );
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

/** pino-pretty, loaded only for a terminal (JSON lines need none of its modules). */
function loadPretty(): typeof pretty {
  const require = createRequire(import.meta.url);
  return (require('pino-pretty') as { default: typeof pretty }).default;
}
