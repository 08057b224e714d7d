import { describe, expect, it } from 'vitest';
import { assessCoverage, gameStatuses } from '../../src/domain/coverage.js';
import type { ActualRow, GameStatus } from '../../src/domain/types.js';
import { actual, prediction } from './builders.js';

/** One prediction per game id given. */
function predictionsFor(gameIds: string[]) {
  return gameIds.map((gameId, i) => prediction({ predictionId: `p${i}`, gameId }));
}

/** One actual row per game id, with the given status. */
function actualsFor(gameIds: string[], gameStatus: GameStatus = 'final'): ActualRow[] {
  return gameIds.map((gameId) => actual({ gameId, gameStatus }));
}

interface GateCase {
  name: string;
  predicted: string[];
  final: string[];
  postponed?: string[];
  cancelled?: string[];
  games: number;
  gamesWithActuals: number;
  pending: string[];
  refused: boolean;
}

const gateCases: GateCase[] = [
  {
    name: 'all games with actuals pass',
    predicted: ['g1', 'g2'],
    final: ['g1', 'g2'],
    games: 2,
    gamesWithActuals: 2,
    pending: [],
    refused: false,
  },
  {
    name: '4 of 5 (exactly 80%) passes',
    predicted: ['g5', 'g4', 'g3', 'g2', 'g1'],
    final: ['g1', 'g2', 'g3', 'g4'],
    games: 5,
    gamesWithActuals: 4,
    pending: ['g5'],
    refused: false,
  },
  {
    name: '3 of 4 (75%) refuses',
    predicted: ['g1', 'g2', 'g3', 'g4'],
    final: ['g1', 'g2', 'g3'],
    games: 4,
    gamesWithActuals: 3,
    pending: ['g4'],
    refused: true,
  },
  {
    name: '8 of 10 passes',
    predicted: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
    final: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    games: 10,
    gamesWithActuals: 8,
    pending: ['i', 'j'],
    refused: false,
  },
  {
    name: '7 of 9 refuses',
    predicted: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
    final: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    games: 9,
    gamesWithActuals: 7,
    pending: ['h', 'i'],
    refused: true,
  },
  {
    name: 'a postponed game is pending and leaves both sides of the gate',
    predicted: ['g1', 'g2', 'g3', 'g4', 'g5'],
    final: ['g1', 'g2', 'g3'],
    postponed: ['g5'],
    games: 4,
    gamesWithActuals: 3,
    pending: ['g4', 'g5'],
    refused: true,
  },
  {
    name: 'postponed games do not drag a complete date below the gate',
    predicted: ['g1', 'g2', 'g3'],
    final: ['g1'],
    postponed: ['g2', 'g3'],
    games: 1,
    gamesWithActuals: 1,
    pending: ['g2', 'g3'],
    refused: false,
  },
  {
    name: 'a cancelled game counts as a game with actuals',
    predicted: ['g1', 'g2', 'g3', 'g4', 'g5'],
    final: ['g1', 'g2', 'g3'],
    cancelled: ['g4'],
    games: 5,
    gamesWithActuals: 4,
    pending: ['g5'],
    refused: false,
  },
  {
    name: 'actual rows of games without predictions do not count',
    predicted: ['g1'],
    final: ['g1', 'g8', 'g9'],
    games: 1,
    gamesWithActuals: 1,
    pending: [],
    refused: false,
  },
  {
    name: 'every game postponed leaves nothing to count and nothing to refuse',
    predicted: ['g1'],
    final: [],
    postponed: ['g1'],
    games: 0,
    gamesWithActuals: 0,
    pending: ['g1'],
    refused: false,
  },
];

describe('assessCoverage', () => {
  it.each(gateCases)('$name', (c) => {
    const actuals = [
      ...actualsFor(c.final),
      ...actualsFor(c.postponed ?? [], 'postponed'),
      ...actualsFor(c.cancelled ?? [], 'cancelled'),
    ];
    const result = assessCoverage(predictionsFor(c.predicted), actuals);
    expect(result.games).toBe(c.games);
    expect(result.gamesWithActuals).toBe(c.gamesWithActuals);
    expect(result.pendingGames).toEqual(c.pending);
    expect(result.postponedGames).toEqual([...(c.postponed ?? [])].sort());
    expect(result.cancelledGames).toEqual([...(c.cancelled ?? [])].sort());
    expect(result.refusal !== null).toBe(c.refused);
  });

  it('refuses a date with no selected predictions, with a sentence', () => {
    const result = assessCoverage([], actualsFor(['g1']));
    expect(result.games).toBe(0);
    expect(result.refusal).toMatch(/no selected predictions/i);
  });

  it('names the coverage and the pending games when refusing', () => {
    const result = assessCoverage(predictionsFor(['g1', 'g2']), actualsFor(['g1']));
    expect(result.refusal).toMatch(/1 of 2 games/);
    expect(result.refusal).toMatch(/80%/);
    expect(result.refusal).toContain('g2');
  });

  it('counts a game once however many predictions it has', () => {
    const selected = [
      prediction({ predictionId: 'a', gameId: 'g1' }),
      prediction({ predictionId: 'b', gameId: 'g1', playerLookup: 'other' }),
    ];
    expect(assessCoverage(selected, []).games).toBe(1);
  });
});

describe('gameStatuses', () => {
  it('reads disagreeing rows cautiously: postponed over cancelled over final', () => {
    const statuses = gameStatuses([
      actual({ gameId: 'a', gameStatus: 'final' }),
      actual({ gameId: 'a', gameStatus: 'cancelled' }),
      actual({ gameId: 'b', gameStatus: 'cancelled' }),
      actual({ gameId: 'b', gameStatus: 'postponed' }),
      actual({ gameId: 'b', gameStatus: 'final' }),
      actual({ gameId: 'c', gameStatus: 'final' }),
    ]);
    expect(Object.fromEntries(statuses)).toEqual({ a: 'cancelled', b: 'postponed', c: 'final' });
  });
});
