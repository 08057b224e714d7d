/**
 * `volume` → warning: a graded date whose rows fall below 90% of its selected predictions
 * (pending games aside), or outside 0.5×–2× the median graded rows of the previous 28 dates with
 * predictions. Previous dates that were never graded carry no volume and are left out of the
 * median; with fewer than 7 left the median test is skipped (`insufficientHistory`).
 */
import type { IsoDate } from '../../domain/types.js';
import { regradeCommand } from './date-facts.js';
import type { Check } from './types.js';
import { type DateVolume, judgeVolume, type VolumeIssue } from './volume-rules.js';

/** Prediction dates looked back over for the median. */
export const VOLUME_HISTORY_DATES = 28;

/** Graded volume of each graded date of the window against its predictions and its history. */
export const volume: Check = {
  name: 'volume',
  async run({ store, window, data }) {
    const days = await data.dates();
    const graded = await data.lastGraded();
    const earlier = await store.predictionDatesBefore(
      window.to,
      VOLUME_HISTORY_DATES + window.dates.length,
    );
    const oldest = earlier[earlier.length - 1] ?? window.from;
    const counts = await store.gradedRowCounts({
      from: [oldest, window.from].sort()[0],
      to: window.to,
    });
    const volumes: DateVolume[] = window.dates
      .filter((d) => (counts.get(d) ?? 0) > 0 || graded.has(d))
      .map((gameDate) => {
        const day = days.get(gameDate);
        const history = earlier.filter((d) => d < gameDate).slice(0, VOLUME_HISTORY_DATES);
        return {
          gameDate,
          gradedRows: counts.get(gameDate) ?? 0,
          selected: (day?.selected ?? 0) - (day?.pending ?? 0),
          history: history.map((d) => counts.get(d) ?? 0).filter((n) => n > 0),
        };
      });
    const { issues, insufficientHistory } = judgeVolume(volumes);
    return {
      status: issues.length ? 'warning' : 'ok',
      count: issues.length,
      summary: summaryOf(issues, insufficientHistory),
      details: { dates: issues, insufficientHistory },
      nextCommand: nextOf(issues),
    };
  },
};

function summaryOf(issues: VolumeIssue[], insufficient: IsoDate[]): string {
  if (issues.length)
    return `unusual graded volume on ${issues.map((i) => `${i.gameDate} (${i.reasons.join(', ')})`).join('; ')}`;
  return insufficient.length
    ? `volume as expected; insufficient_history for ${insufficient.join(', ')}`
    : 'graded volume as expected';
}

function nextOf(issues: VolumeIssue[]): string | null {
  const low = issues.filter((i) => i.reasons.includes('below_selected')).map((i) => i.gameDate);
  if (low.length) return regradeCommand(low);
  if (!issues.length) return null;
  const dates = issues.map((i) => i.gameDate).sort();
  return `propgrade report --from ${dates[0]} --to ${dates[dates.length - 1]}`;
}
