/**
 * Per-pool pg type parsers: dates stay `YYYY-MM-DD` text (never a JS Date shifted by the time
 * zone), timestamptz becomes a UTC millisecond ISO string, bigint and numeric become numbers.
 * Sessions run with `TimeZone=UTC`, so timestamptz text always carries `+00`.
 */

import type { CustomTypesConfig } from 'pg';
import pg from 'pg';
import type { IsoTimestamp } from '../../domain/types.js';

/** Type OIDs propgrade parses itself. */
const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184, numeric: 1700 } as const;

const PG_UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:\+00(?::00)?)?$/;

/** PostgreSQL timestamp text (UTC session) → `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export function isoFromPgTimestamp(text: string): IsoTimestamp {
  const m = PG_UTC_TIMESTAMP.exec(text);
  if (m) return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  const parsed = pg.types.getTypeParser(OID.timestamptz, 'text')(text) as Date;
  return parsed.toISOString();
}

const PARSERS = new Map<number, (text: string) => unknown>([
  [OID.int8, Number],
  [OID.numeric, Number],
  [OID.date, (text: string) => text],
  [OID.timestamp, isoFromPgTimestamp],
  [OID.timestamptz, isoFromPgTimestamp],
]);

/** The type-parser configuration given to every pool (not pg's global registry). */
export const TYPE_PARSERS: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const own = format === 'binary' ? undefined : PARSERS.get(oid);
    return own ?? pg.types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};
