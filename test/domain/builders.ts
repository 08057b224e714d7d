/**
 * Small builders for domain rows in tests: sensible defaults, overridden per case, so a table row
 * names only the fields that matter to it.
 */
import type { ActualRow, PredictionVersion } from '../../src/domain/types.js';

/** A prediction version of 2026-03-05 (OVER 20.5, predicted 22, created at noon UTC). */
export function prediction(overrides: Partial<PredictionVersion> = {}): PredictionVersion {
  const base: PredictionVersion = {
    predictionId: 'p1',
    systemId: 'sys_a',
    playerLookup: 'player1',
    gameId: 'g1',
    gameDate: '2026-03-05',
    lineValue: 20.5,
    predictedPoints: 22,
    confidenceScore: 0.6,
    recommendation: 'OVER',
    createdAt: '2026-03-05T12:00:00.000Z',
    modelVersion: 'm1',
    oddsAmerican: null,
    isWithdrawn: false,
  };
  return { ...base, ...overrides };
}

/** A final box-score line of player1 in g1 (25 points in 30 minutes). */
export function actual(overrides: Partial<ActualRow> = {}): ActualRow {
  const base: ActualRow = {
    playerLookup: 'player1',
    gameId: 'g1',
    gameDate: '2026-03-05',
    points: 25,
    minutesPlayed: 30,
    isDnp: false,
    teamAbbr: 'BOS',
    opponentTeamAbbr: 'NYK',
    injuryStatus: null,
    gameStartAt: null,
    gameStatus: 'final',
  };
  return { ...base, ...overrides };
}

/** A timestamp on 2026-03-05 at `hhmm` UTC, e.g. `at('16:00')`. */
export function at(hhmm: string): string {
  return `2026-03-05T${hhmm}:00.000Z`;
}
