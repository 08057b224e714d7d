/** Small helpers shared by the routes: JSON bodies, query flags and dates, bounded waits. */
import type { Context } from 'hono';
import type { IsoDate } from '../../domain/types.js';
import { InputError } from '../../errors.js';
import { isIsoDate } from '../../util/dates.js';

/** The request body parsed as JSON; anything else is a 400. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '')
    throw new InputError('the request body is empty: send a JSON object', { field: 'body' });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError('the request body is not valid JSON', { field: 'body' });
  }
}

/** A boolean query flag: `1`/`true`/empty are true, `0`/`false`/absent are false. */
export function queryFlag(c: Context, name: string): boolean {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '0' || raw === 'false') return false;
  if (raw === '' || raw === '1' || raw === 'true') return true;
  throw new InputError(`query "${name}" must be 1 or 0 (got "${raw}")`, { field: name });
}

/** An optional date query (`YYYY-MM-DD`). */
export function queryDate(c: Context, name: string): IsoDate | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!isIsoDate(raw))
    throw new InputError(`query "${name}" must be a real YYYY-MM-DD date`, { field: name });
  return raw;
}

/** An optional positive integer query, capped at `max`. */
export function queryLimit(c: Context, name: string, fallback: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new InputError(`query "${name}" must be a positive whole number`, { field: name });
  return Math.min(Number(raw), max);
}

/** One of a closed set, or undefined when absent. */
export function queryChoice<T extends string>(
  c: Context,
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new InputError(`query "${name}" must be one of ${choices.join(', ')}`, { field: name });
}

/** The promise's value, or null when `ms` passes first. */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** 503 while the server shuts down. */
export function drainingAnswer(c: Context): Response {
  return c.json(
    {
      error: {
        code: 4,
        type: 'ShuttingDown',
        message: 'the server is shutting down; try another instance',
      },
    },
    503,
  );
}
