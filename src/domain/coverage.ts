/**
 * The coverage gate (SPEC 3.1 step 3): which games of a date can be graded, which are pending,
 * and whether the date as a whole has enough actuals to be graded at all.
 */
import { compareText } from './keys.js';
import type { ActualRow, GameStatus, PredictionVersion } from './types.js';

/** The gate's threshold: at least this percentage of counted games must have actuals. */
export const COVERAGE_THRESHOLD_PERCENT = 80;

/** The verdict of the coverage gate for one date. */
export interface CoverageAssessment {
  /** Games the gate counts: distinct games of the selected predictions, postponed ones excluded. */
  games: number;
  /** Counted games with actual rows (cancelled games included). */
  gamesWithActuals: number;
  /** Games whose predictions are not graded: no actual rows, or postponed. Sorted. */
  pendingGames: string[];
  /** Games whose actual rows say `postponed` (also in pendingGames). Sorted. */
  postponedGames: string[];
  /** Games whose actual rows say `cancelled`: their predictions are voided. Sorted. */
  cancelledGames: string[];
  /** Why the date is refused, as a sentence for people; null when it may be graded. */
  refusal: string | null;
}

/**
 * Status of each game that has actual rows. When a game's rows disagree, `postponed` wins over
 * `cancelled`, which wins over `final`: the most cautious reading (nothing voided for good).
 */
export function gameStatuses(actuals: readonly ActualRow[]): Map<string, GameStatus> {
  const rank: Record<GameStatus, number> = { final: 0, cancelled: 1, postponed: 2 };
  const statuses = new Map<string, GameStatus>();
  for (const row of actuals) {
    const known = statuses.get(row.gameId);
    if (known === undefined || rank[row.gameStatus] > rank[known]) {
      statuses.set(row.gameId, row.gameStatus);
    }
  }
  return statuses;
}

/** Assess the games of a date's selected predictions against its actual rows. */
export function assessCoverage(
  selected: readonly PredictionVersion[],
  actuals: readonly ActualRow[],
): CoverageAssessment {
  return assessGames(
    selected.map((p) => p.gameId),
    selected.length,
    actuals,
  );
}

/**
 * The coverage verdict from the game ids of the selected predictions (repeats allowed) and how
 * many predictions were selected: what {@link assessCoverage} computes, without the predictions.
 */
export function assessGames(
  selectedGameIds: Iterable<string>,
  selectedCount: number,
  actuals: readonly ActualRow[],
): CoverageAssessment {
  const statuses = gameStatuses(actuals);
  const gameIds = [...new Set(selectedGameIds)].sort(compareText);
  const pendingGames = gameIds.filter((g) => !statuses.has(g) || statuses.get(g) === 'postponed');
  const postponedGames = gameIds.filter((g) => statuses.get(g) === 'postponed');
  const cancelledGames = gameIds.filter((g) => statuses.get(g) === 'cancelled');
  const games = gameIds.length - postponedGames.length;
  const gamesWithActuals = gameIds.length - pendingGames.length;
  return {
    games,
    gamesWithActuals,
    pendingGames,
    postponedGames,
    cancelledGames,
    refusal: refusalReason(selectedCount, games, gamesWithActuals, pendingGames),
  };
}

function refusalReason(
  predictions: number,
  games: number,
  gamesWithActuals: number,
  pendingGames: readonly string[],
): string | null {
  if (predictions === 0) return 'No selected predictions for this date: nothing to grade.';
  if (gamesWithActuals * 100 >= games * COVERAGE_THRESHOLD_PERCENT) return null;
  const shown = pendingGames.slice(0, 10).join(', ');
  const more = pendingGames.length > 10 ? ` and ${pendingGames.length - 10} more` : '';
  return (
    `Only ${gamesWithActuals} of ${games} games have actuals, below the ` +
    `${COVERAGE_THRESHOLD_PERCENT}% coverage gate (pending: ${shown}${more}).`
  );
}
