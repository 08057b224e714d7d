/** Per-date summaries of game facts, and the regrade command. */
import { describe, expect, it } from 'vitest';
import {
  actualsComplete,
  regradeCommand,
  summariseDates,
} from '../../../src/pipeline/checks/date-facts.js';

describe('summariseDates', () => {
  it('pending predictions are those of games without actuals or postponed', () => {
    const days = summariseDates([
      { gameDate: 'd', gameId: 'g1', activePredictions: 4, actualRows: 2, postponedRows: 0 },
      { gameDate: 'd', gameId: 'g2', activePredictions: 3, actualRows: 0, postponedRows: 0 },
      { gameDate: 'd', gameId: 'g3', activePredictions: 2, actualRows: 2, postponedRows: 2 },
      { gameDate: 'd', gameId: 'g4', activePredictions: 0, actualRows: 5, postponedRows: 0 },
    ]);
    expect(days.get('d')).toEqual({
      gameDate: 'd',
      selected: 9,
      pending: 5,
      games: 3,
      gamesWithoutActuals: ['g2'],
      actualRows: 9,
    });
    expect(actualsComplete(days.get('d')!)).toBe(false);
  });

  it('complete when every game with predictions has actual rows', () => {
    const days = summariseDates([
      { gameDate: 'd', gameId: 'g1', activePredictions: 1, actualRows: 1, postponedRows: 0 },
    ]);
    expect(actualsComplete(days.get('d')!)).toBe(true);
  });
});

describe('regradeCommand', () => {
  it('one date: grade; several: a backfill over their span; none: nothing', () => {
    expect(regradeCommand(['2026-03-05'])).toBe('propgrade grade --date 2026-03-05');
    expect(regradeCommand(['2026-03-07', '2026-03-05'])).toBe(
      'propgrade backfill --from 2026-03-05 --to 2026-03-07',
    );
    expect(regradeCommand(['2026-03-05'], true)).toBe(
      'propgrade backfill --from 2026-03-05 --to 2026-03-05 --stale',
    );
    expect(regradeCommand([])).toBeNull();
  });
});
