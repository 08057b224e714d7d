/**
 * The few error classes of propgrade, each with fields and an optional `cause`, and the one
 * mapper from any thrown value to the exit codes of SPEC section 7.
 */

export const EXIT = {
  ok: 0,
  validationCritical: 1,
  badInput: 2,
  lockTimeout: 3,
  unavailable: 4,
  lockLost: 5,
  internal: 6,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad input or usage: names the file, the 1-based line where the record starts, and the field. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly where: { file?: string; line?: number; field?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The coverage gate refused a date (nothing written). */
export class CoverageRefusedError extends Error {
  override name = 'CoverageRefusedError';
  constructor(
    message: string,
    readonly gameDate: string,
  ) {
    super(message);
  }
}

/** Store or lock backend unreachable: nothing was written. `target` is a redacted URL. */
export class UnavailableError extends Error {
  override name = 'UnavailableError';
  constructor(
    message: string,
    readonly target: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The lease was not acquired within the wait (or at once with --no-wait). */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  constructor(
    message: string,
    readonly key: string,
    readonly holder: string | null,
    readonly expiresAt: string | null,
  ) {
    super(message);
  }
}

/** The lease was lost, or the store refused our fence token: the write was rolled back. */
export class LockLostError extends Error {
  override name = 'LockLostError';
  constructor(
    message: string,
    readonly key: string,
    readonly reason: 'lock_lost' | 'stale_fence',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A verification inside a write failed (rolled back), or an invariant broke. */
export class InternalError extends Error {
  override name = 'InternalError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Unwrap `SuppressedError` (from `await using`) so the work's own error decides the code. */
export function primaryError(err: unknown): unknown {
  let current = err;
  while (isSuppressedError(current)) current = current.suppressed;
  return current;
}

/** True for a SuppressedError, native or the downlevel stand-in TypeScript emits on Node 20. */
function isSuppressedError(e: unknown): e is { suppressed: unknown } {
  return (
    e instanceof Error &&
    e.name === 'SuppressedError' &&
    'suppressed' in e &&
    e.suppressed !== undefined
  );
}

/** The one mapper from an error to an exit code. Anything unknown is internal (6). */
export function exitCodeFor(err: unknown): ExitCode {
  const e = primaryError(err);
  if (e instanceof InputError || e instanceof CoverageRefusedError) return EXIT.badInput;
  if (e instanceof LockTimeoutError) return EXIT.lockTimeout;
  if (e instanceof UnavailableError) return EXIT.unavailable;
  if (e instanceof LockLostError) return EXIT.lockLost;
  return EXIT.internal;
}

/** Severity order used by backfill to pick one exit code among many: 4, 5, 3, 6, 2. */
export const EXIT_SEVERITY: readonly ExitCode[] = [4, 5, 3, 6, 2];

/** The most severe of several exit codes (0 when all are 0). */
export function mostSevereExit(codes: readonly ExitCode[]): ExitCode {
  for (const code of EXIT_SEVERITY) if (codes.includes(code)) return code;
  return codes.includes(EXIT.validationCritical) ? EXIT.validationCritical : EXIT.ok;
}
