/**
 * `freshness`: the newest date of the window with predictions lacks actuals or grading. Judged
 * within the window, not against the wall clock (so validating an old date works): the dates
 * with predictions, newest first, that lack actuals or grading before the first one that has
 * both. 1 behind → warning, 2 or more → critical; a window with no predictions is ok.
 */
import { regradeCommand } from './date-facts.js';
import type { Check, CheckStatus } from './types.js';

/** How far the newest predictions are ahead of actuals and grading. */
export const freshness: Check = {
  name: 'freshness',
  async run({ window, data }) {
    const days = await data.dates();
    const rows = await data.gradedRows();
    const graded = await data.lastGraded();
    const withPredictions = window.dates.filter((d) => (days.get(d)?.selected ?? 0) > 0);
    if (withPredictions.length === 0)
      return {
        status: 'ok',
        count: 0,
        summary: 'no predictions in the window',
        details: { behind: [] },
        nextCommand: null,
      };
    const behind = [];
    for (const gameDate of [...withPredictions].reverse()) {
      const actuals = (days.get(gameDate)?.actualRows ?? 0) > 0;
      const isGraded = (rows.get(gameDate) ?? 0) > 0 || graded.has(gameDate);
      if (actuals && isGraded) break;
      behind.push({ gameDate, actuals, graded: isGraded });
    }
    const status: CheckStatus =
      behind.length >= 2 ? 'critical' : behind.length === 1 ? 'warning' : 'ok';
    const needActuals = behind.some((b) => !b.actuals);
    return {
      status,
      count: behind.length,
      summary: behind.length
        ? `${behind.length} date(s) with predictions lack ${needActuals ? 'actuals or grading' : 'grading'}: ${behind.map((b) => b.gameDate).join(', ')}`
        : `the newest date with predictions (${withPredictions[withPredictions.length - 1]}) has actuals and is graded`,
      details: { newestPredictionDate: withPredictions[withPredictions.length - 1], behind },
      nextCommand: needActuals
        ? 'propgrade ingest actuals FILE'
        : regradeCommand(behind.map((b) => b.gameDate)),
    };
  },
};
