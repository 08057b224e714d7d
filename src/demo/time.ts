/** Timestamps of the demo slate, written as `YYYY-MM-DDTHH:MM:SSZ`. */
import type { IsoDate, IsoTimestamp } from '../domain/types.js';

function format(ms: number): IsoTimestamp {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `date`'s midnight UTC plus `minutes` and `seconds`. */
export function timestampAt(date: IsoDate, minutes: number, seconds = 0): IsoTimestamp {
  return format(Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 + seconds * 1000);
}

/** `timestamp` shifted by `minutes` and `seconds` (either may be negative). */
export function shiftTimestamp(
  timestamp: IsoTimestamp,
  minutes: number,
  seconds = 0,
): IsoTimestamp {
  return format(Date.parse(timestamp) + minutes * 60_000 + seconds * 1000);
}
