/** Structured logging to stderr: JSON lines, or pretty on a TTY. Secrets are redacted by path. */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
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
      pretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname' }),
    );
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}
