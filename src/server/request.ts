/**
 * Validating request bodies. `POST /grade` takes plain JSON
 * `{target_date, trigger_source, correlation_id?}` or a Pub/Sub push envelope
 * `{message: {data: <base64 of that JSON>, messageId?, attributes?}, subscription}`; dates are
 * `today`, `yesterday` (in PROPGRADE_TIMEZONE) or a real `YYYY-MM-DD`. Every problem is an
 * InputError naming the field, answered 400.
 */
import type { IsoDate } from '../domain/types.js';
import { InputError } from '../errors.js';
import { addDays, isIsoDate, todayIn } from '../util/dates.js';

/** A validated grade request. */
export interface GradeRequest {
  gameDate: IsoDate;
  triggerSource: string;
  correlationId: string | null;
}

/** A validated backfill request. */
export interface BackfillRequest {
  from: IsoDate;
  to: IsoDate;
  stale: boolean;
  resume: boolean;
  triggerSource: string;
}

/** Longest accepted text field, and the widest backfill. */
export const REQUEST_LIMITS = { textLength: 200, backfillDays: 366 } as const;

type Json = Record<string, unknown>;

function objectOf(value: unknown, field: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InputError(`${field} must be a JSON object`, { field });
  return value as Json;
}

function text(body: Json, field: string, required: boolean): string | null {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw new InputError(`"${field}" is required`, { field });
    return null;
  }
  if (typeof value !== 'string' || value.trim() === '')
    throw new InputError(`"${field}" must be a non-empty string`, { field });
  if (value.length > REQUEST_LIMITS.textLength)
    throw new InputError(`"${field}" is longer than ${REQUEST_LIMITS.textLength} characters`, {
      field,
    });
  return value.trim();
}

function flag(body: Json, field: string): boolean {
  const value = body[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean')
    throw new InputError(`"${field}" must be true or false`, { field });
  return value;
}

/** `today`, `yesterday` (in `timeZone`) or a real calendar date. */
export function resolveDate(
  raw: unknown,
  field: string,
  timeZone: string,
  now = new Date(),
): IsoDate {
  if (raw === 'today') return todayIn(timeZone, now);
  if (raw === 'yesterday') return addDays(todayIn(timeZone, now), -1);
  if (typeof raw === 'string' && isIsoDate(raw)) return raw;
  const shown = raw === undefined ? 'missing' : JSON.stringify(raw);
  throw new InputError(
    `"${field}" must be "today", "yesterday" or a real YYYY-MM-DD date (got ${shown})`,
    {
      field,
    },
  );
}

function decodeEnvelope(envelope: Json): { body: Json; source: string; messageId: string | null } {
  const message = objectOf(envelope.message, 'message');
  if (typeof message.data !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(message.data))
    throw new InputError('"message.data" must be base64 text', { field: 'message.data' });
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(message.data, 'base64').toString('utf8'));
  } catch {
    throw new InputError('"message.data" is not base64 of a JSON document', {
      field: 'message.data',
    });
  }
  const subscription =
    typeof envelope.subscription === 'string' ? envelope.subscription : 'unknown';
  const messageId = message.messageId ?? message.message_id;
  return {
    body: objectOf(decoded, 'message.data'),
    source: `pubsub:${subscription}`.slice(0, REQUEST_LIMITS.textLength),
    messageId: typeof messageId === 'string' ? messageId.slice(0, REQUEST_LIMITS.textLength) : null,
  };
}

/** True for a Pub/Sub push envelope. */
export function isPubSubEnvelope(body: Json): boolean {
  return typeof body.message === 'object' && body.message !== null && 'data' in body.message;
}

/** Validate a `POST /grade` body (plain or Pub/Sub). */
export function parseGradeRequest(raw: unknown, timeZone: string, now = new Date()): GradeRequest {
  const outer = objectOf(raw, 'body');
  if (isPubSubEnvelope(outer)) {
    const { body, source, messageId } = decodeEnvelope(outer);
    return {
      gameDate: resolveDate(body.target_date, 'target_date', timeZone, now),
      triggerSource: text(body, 'trigger_source', false) ?? source,
      correlationId: text(body, 'correlation_id', false) ?? messageId,
    };
  }
  return {
    gameDate: resolveDate(outer.target_date, 'target_date', timeZone, now),
    triggerSource: text(outer, 'trigger_source', true) as string,
    correlationId: text(outer, 'correlation_id', false),
  };
}

/** Validate a `POST /backfill` body. */
export function parseBackfillRequest(
  raw: unknown,
  timeZone: string,
  now = new Date(),
): BackfillRequest {
  const body = objectOf(raw, 'body');
  const from = resolveDate(body.from, 'from', timeZone, now);
  const to = resolveDate(body.to, 'to', timeZone, now);
  if (from > to) throw new InputError(`"from" ${from} is after "to" ${to}`, { field: 'from' });
  if (addDays(from, REQUEST_LIMITS.backfillDays) <= to)
    throw new InputError(`a backfill covers at most ${REQUEST_LIMITS.backfillDays} days`, {
      field: 'to',
    });
  return {
    from,
    to,
    stale: flag(body, 'stale'),
    resume: flag(body, 'resume'),
    triggerSource: text(body, 'trigger_source', false) ?? 'api',
  };
}
