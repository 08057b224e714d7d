/**
 * The plan of a cleanup, before any lease: the range checked here; its NULL-safe counts and the
 * dates holding a row of a duplicated key come from the store's set-based `dedupePlan`.
 */
import { InputError } from '../errors.js';
import type { DateRange } from '../store/store.js';

/** The range, checked: `from` must not be after `to`. */
export function checkRange(range: DateRange): DateRange {
  if (range.from && range.to && range.from > range.to)
    throw new InputError(`--from ${range.from} is after --to ${range.to}`, { field: '--from' });
  const out: DateRange = {};
  if (range.from) out.from = range.from;
  if (range.to) out.to = range.to;
  return out;
}
