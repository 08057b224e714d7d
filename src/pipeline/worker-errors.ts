/**
 * Errors across a worker-thread boundary. Structured cloning keeps only `name`, `message` and
 * `stack` of an Error, so a propgrade error class would arrive as a plain Error and map to exit 6.
 * These two functions carry the class name and its fields, and rebuild the same class on the
 * other side, so `exitCodeFor` (the one mapper, src/errors.ts) decides exactly as in-process.
 */
import {
  CoverageRefusedError,
  InputError,
  InternalError,
  LockLostError,
  LockTimeoutError,
  primaryError,
  UnavailableError,
} from '../errors.js';

/** A thrown value as plain data: its class name, message, stack and own fields. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

/** Flatten a thrown value (SuppressedError unwrapped) for `postMessage`. */
export function serializeError(err: unknown): SerializedError {
  const e = primaryError(err);
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (key !== 'name' && key !== 'cause' && isCloneable(value)) fields[key] = value;
  }
  return { name: e.name, message: e.message, stack: e.stack, fields };
}

function isCloneable(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) || isPlain(value);
}

function isPlain(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every(
    (v) => v === undefined || ['string', 'number'].includes(typeof v),
  );
}

/** Rebuild the propgrade error class a serialized error came from (a plain Error otherwise). */
export function deserializeError(s: SerializedError): Error {
  const err = rebuild(s);
  if (s.stack !== undefined) err.stack = s.stack;
  return err;
}

function rebuild({ name, message, fields: f }: SerializedError): Error {
  const str = (k: string) => String(f[k] ?? '');
  const orNull = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : null);
  switch (name) {
    case 'InputError':
      return new InputError(message, (f.where ?? {}) as InputError['where']);
    case 'CoverageRefusedError':
      return new CoverageRefusedError(message, str('gameDate'));
    case 'UnavailableError':
      return new UnavailableError(message, str('target'));
    case 'LockTimeoutError':
      return new LockTimeoutError(message, str('key'), orNull('holder'), orNull('expiresAt'));
    case 'LockLostError':
      return new LockLostError(
        message,
        str('key'),
        f.reason === 'stale_fence' ? 'stale_fence' : 'lock_lost',
      );
    case 'InternalError':
      return new InternalError(message);
    default:
      return Object.assign(new Error(message), { name });
  }
}
