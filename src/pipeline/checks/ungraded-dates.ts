/**
 * `ungraded_dates`: a date with selected predictions and complete actuals whose latest input
 * change is newer than its last successful grading → warning; critical when the date is more
 * than 2 days before today (in PROPGRADE_TIMEZONE): the daily schedule no longer picks it up.
 */
import type { IsoDate } from '../../domain/types.js';
import { actualsComplete, regradeCommand } from './date-facts.js';
import type { Check, CheckStatus } from './types.js';

/** Dates older than this many days are critical when ungraded. */
export const UNGRADED_CRITICAL_AFTER_DAYS = 2;

/** Whole days from `date` to `today`. */
export function ageInDays(date: IsoDate, today: IsoDate): number {
  return Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000,
  );
}

/** Dates whose inputs changed after their last successful grading. */
export const ungradedDates: Check = {
  name: 'ungraded_dates',
  async run({ store, window, data, today }) {
    const days = await data.dates();
    const changes = await store.latestInputChanges({ from: window.from, to: window.to });
    const graded = await data.lastGraded();
    const items = window.dates.flatMap((gameDate) => {
      const day = days.get(gameDate);
      const changed = changes.get(gameDate);
      const lastGradedAt = graded.get(gameDate) ?? null;
      if (!day || !actualsComplete(day) || changed === undefined) return [];
      if (lastGradedAt !== null && lastGradedAt >= changed) return [];
      const ageDays = ageInDays(gameDate, today);
      const status: CheckStatus = ageDays > UNGRADED_CRITICAL_AFTER_DAYS ? 'critical' : 'warning';
      return [{ gameDate, latestInputChange: changed, lastGradedAt, ageDays, status }];
    });
    const status: CheckStatus = items.some((i) => i.status === 'critical')
      ? 'critical'
      : items.length > 0
        ? 'warning'
        : 'ok';
    const dates = items.map((i) => i.gameDate);
    return {
      status,
      count: items.length,
      summary: items.length
        ? `inputs changed after the last successful grading of ${dates.join(', ')}`
        : 'every date with complete inputs is graded after its latest input change',
      details: { dates: items },
      nextCommand: regradeCommand(dates, true),
    };
  },
};
