/**
 * Mapping of pg and network failures to propgrade's error classes: anything that is the
 * server's or the network's doing is UnavailableError (exit 4, nothing written); anything else
 * is InternalError (exit 6). Messages name the redacted URL and never carry the password.
 */
import {
  CoverageRefusedError,
  InputError,
  InternalError,
  LockLostError,
  LockTimeoutError,
  UnavailableError,
} from '../../errors.js';

/** SQLSTATE codes (or classes, by two-character prefix) that mean "the store is unavailable". */
const UNAVAILABLE_SQLSTATES = [
  '08', // connection exception
  '28000', // invalid authorization specification
  '28P01', // invalid password
  '3D000', // database does not exist
  '3F000', // schema does not exist
  '42501', // insufficient privilege
  '53', // insufficient resources (too many connections, disk full, out of memory)
  '57P01', // admin shutdown (pg_terminate_backend)
  '57P02', // crash shutdown
  '57P03', // cannot connect now
  '57P04', // database dropped
  '57014', // query canceled (statement timeout)
  '25P03', // idle-in-transaction session timeout
] as const;

/** Node socket error codes that mean the server cannot be reached. */
const NETWORK_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
] as const;

/** pg client messages (no code attached) for a connection that broke or never came up. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout expired/i,
  /connection timeout/i,
  /not queryable/i,
  /query read timeout/i,
  /client was closed/i,
  /cannot use a pool after calling end/i,
] as const;

const PROPGRADE_ERRORS = [
  InputError,
  CoverageRefusedError,
  UnavailableError,
  LockTimeoutError,
  LockLostError,
  InternalError,
] as const;

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** True when the error means the connection or server failed (not our query). */
export function isConnectionFailure(err: unknown): boolean {
  if (err instanceof AggregateError) return err.errors.some(isConnectionFailure);
  const code = codeOf(err);
  if (code !== undefined) {
    if ((NETWORK_CODES as readonly string[]).includes(code)) return true;
    if (UNAVAILABLE_SQLSTATES.some((c) => code.startsWith(c))) return true;
  }
  const message = messageOf(err);
  return CONNECTION_MESSAGES.some((re) => re.test(message));
}

/** True for errors that leave the connection unusable (it must be destroyed, not reused). */
export function isBrokenConnection(err: unknown): boolean {
  if (err instanceof AggregateError) return err.errors.some(isBrokenConnection);
  const code = codeOf(err);
  if (code !== undefined && /^[A-Z0-9]{5}$/.test(code)) {
    return code.startsWith('08') || code.startsWith('57P') || code === '25P03';
  }
  return isConnectionFailure(err);
}

function scrub(text: string, secret: string): string {
  return secret.length >= 3 ? text.split(secret).join('***') : text;
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0)
    return err.errors.map(describe).join('; ');
  const code = codeOf(err);
  const message = messageOf(err) || code || 'unknown error';
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * Convert anything thrown by pg (or by our own code) into propgrade's error classes.
 * `target` is the redacted URL; `secret` is the password to scrub from messages.
 */
export function toStoreError(err: unknown, target: string, secret: string): Error {
  if (PROPGRADE_ERRORS.some((cls) => err instanceof cls)) return err as Error;
  const detail = scrub(describe(err), secret);
  if (isConnectionFailure(err)) {
    return new UnavailableError(`PostgreSQL store unavailable at ${target}: ${detail}`, target, {
      cause: err,
    });
  }
  return new InternalError(`PostgreSQL store error at ${target}: ${detail}`, { cause: err });
}
