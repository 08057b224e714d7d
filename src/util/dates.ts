/**
 * Strict calendar dates and timestamps. JavaScript's Date rolls 2026-02-30 over to March 2, so
 * every component is checked against the calendar before a Date is built.
 */
import type { IsoDate, IsoTimestamp } from '../domain/types.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TS_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|z|UTC|[+-]\d{2}:?\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True when `s` is a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(s: string): s is IsoDate {
  const m = DATE_RE.exec(s);
  return m !== null && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Parse an ISO 8601 timestamp with `Z` or an offset (or `YYYY-MM-DD HH:MM:SS[.fff] UTC`) into a
 * UTC millisecond ISO string. Returns null when the text is not such a timestamp (for example
 * when it has no zone).
 */
export function parseTimestamp(s: string): IsoTimestamp | null {
  const m = TS_RE.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as number[];
  if (!validYmd(y!, mo!, d!) || h! > 23 || mi! > 59 || se! > 59) return null;
  const zone = m[8]!;
  const isUtc = zone === 'Z' || zone === 'z' || zone === 'UTC';
  if (zone === 'UTC' && s.trim()[10] === 'T') return null;
  const frac = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  const offsetMin = isUtc ? 0 : parseOffset(zone);
  if (offsetMin === null) return null;
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!, Number(frac)) - offsetMin * 60_000;
  return new Date(ms).toISOString();
}

function parseOffset(zone: string): number | null {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 23 || minutes > 59) return null;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes);
}

/** Dates from `from` to `to` inclusive, ascending. */
export function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** `date` shifted by `days` calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today's calendar date in an IANA time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts;
}
