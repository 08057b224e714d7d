/**
 * Exit codes (SPEC section 7) as HTTP statuses, and the JSON error body every route answers with.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ExitCode, exitCodeFor, InputError, primaryError } from '../errors.js';

/** 0 → 200, 2 → 400, 3 and 5 → 409, 4 → 503, 6 (and anything else) → 500. */
export function httpStatusFor(exitCode: ExitCode): ContentfulStatusCode {
  switch (exitCode) {
    case 0:
      return 200;
    case 2:
      return 400;
    case 3:
    case 5:
      return 409;
    case 4:
      return 503;
    default:
      return 500;
  }
}

/** The body of an error answer. */
export interface ErrorBody {
  error: { code: number; type: string; message: string; field?: string };
}

/** An error answer for a thrown value, with the status its exit code maps to. */
export function errorResponse(c: Context, err: unknown): Response {
  const e = primaryError(err);
  const exitCode = exitCodeFor(e);
  const body: ErrorBody = {
    error: {
      code: exitCode,
      type: e instanceof Error ? e.name : 'Error',
      message: exitCode === 6 ? 'internal error (see the server log)' : (e as Error).message,
    },
  };
  if (e instanceof InputError && e.where.field) body.error.field = e.where.field;
  return c.json(body, httpStatusFor(exitCode));
}
