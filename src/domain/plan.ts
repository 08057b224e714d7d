/**
 * Everything a grading run of one date computes before it writes: the graded rows, their daily
 * performance, the selection counts and the coverage verdict. Pure; the pipeline decides whether
 * a refusal stops the write (it does unless `--force`).
 */
import { InternalError } from '../errors.js';
import { assessCoverage } from './coverage.js';
import { gradeSelection } from './grade.js';
import { dailyPerformance } from './performance.js';
import type { SelectionResult } from './selection.js';
import type { ActualRow, DailyPerformance, GradedRow, IsoDate } from './types.js';

/** The plan of one date's grading. */
export interface DatePlan {
  gameDate: IsoDate;
  /** Graded rows of every selected prediction whose game is not pending (even when refused). */
  rows: GradedRow[];
  /** Figures per system for the date, from `rows`. */
  performance: DailyPerformance[];
  sourceDuplicatesDropped: number;
  supersededLines: number;
  latePredictions: number;
  /** Games with no actual rows or postponed, sorted. */
  pendingGames: string[];
  /** Games the coverage gate counts (postponed games excluded). */
  games: number;
  /** Counted games with actuals (cancelled games included). */
  gamesWithActuals: number;
  /** Why the coverage gate refuses the date; null when it passes. */
  refusal: string | null;
}

/**
 * Plan the grading of `gameDate` from its source selection and its actual rows. Throws
 * InternalError when the selection holds a prediction of another date (a caller's bug).
 */
export function planDate(
  gameDate: IsoDate,
  selection: SelectionResult,
  actuals: readonly ActualRow[],
): DatePlan {
  const stray = selection.selected.find((p) => p.gameDate !== gameDate);
  if (stray !== undefined) {
    throw new InternalError(
      `prediction ${stray.predictionId} of ${stray.gameDate} planned for ${gameDate}`,
    );
  }
  const coverage = assessCoverage(selection.selected, actuals);
  const rows = gradeSelection(selection.selected, actuals, coverage);
  return {
    gameDate,
    rows,
    performance: dailyPerformance(rows),
    sourceDuplicatesDropped: selection.sourceDuplicatesDropped,
    supersededLines: selection.supersededLines,
    latePredictions: selection.latePredictions,
    pendingGames: coverage.pendingGames,
    games: coverage.games,
    gamesWithActuals: coverage.gamesWithActuals,
    refusal: coverage.refusal,
  };
}
