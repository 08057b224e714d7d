/**
 * The plan of a cleanup, before any lease: the range's NULL-safe counts and the dates holding a
 * row of a duplicated key (the dates `dedupe` leases, backs up, cleans and recomputes).
 */
import { compareText } from '../domain/keys.js';
import { KeyTally, keyRowsByDate } from '../domain/report.js';
import type { IsoDate } from '../domain/types.js';
import { InputError } from '../errors.js';
import type { DateRange, KeyCounts, Store } from '../store/store.js';

/** The range, checked: `from` must not be after `to`. */
export function checkRange(range: DateRange): DateRange {
  if (range.from && range.to && range.from > range.to)
    throw new InputError(`--from ${range.from} is after --to ${range.to}`, { field: '--from' });
  const out: DateRange = {};
  if (range.from) out.from = range.from;
  if (range.to) out.to = range.to;
  return out;
}

/** The dates with a row of a duplicated key, from a finished tally, sorted. */
export function datesWithDuplicates(tally: KeyTally): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const state of tally.keys.values()) {
    if (state.rows < 2) continue;
    for (const [date] of keyRowsByDate(state)) dates.add(date);
  }
  return [...dates].sort(compareText);
}

/** Stream the range once: its counts and the dates a cleanup touches. */
export async function duplicatedDates(
  store: Store,
  range: DateRange,
): Promise<{ counts: KeyCounts; dates: IsoDate[] }> {
  const tally = new KeyTally(new Set());
  for await (const batch of store.streamAccuracy(range)) for (const row of batch) tally.add(row);
  return {
    counts: { rows: tally.rows, uniqueKeys: tally.keys.size },
    dates: datesWithDuplicates(tally),
  };
}
