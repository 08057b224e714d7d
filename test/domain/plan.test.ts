import { describe, expect, it } from 'vitest';
import { planDate } from '../../src/domain/plan.js';
import { SourceSelector } from '../../src/domain/selection.js';
import type { PredictionVersion } from '../../src/domain/types.js';
import { InternalError } from '../../src/errors.js';
import { actual, at, prediction } from './builders.js';

function selectionOf(versions: PredictionVersion[]) {
  const selector = new SourceSelector(new Map([['g1', at('19:00')]]), 'latest');
  selector.add(versions);
  return selector.result();
}

const versions = [
  prediction({ predictionId: 'stale', createdAt: at('10:00') }),
  prediction({ predictionId: 'moved', lineValue: 19.5, createdAt: at('11:00') }),
  prediction({ predictionId: 'win', createdAt: at('12:00') }),
  prediction({ predictionId: 'late', playerLookup: 'p2', createdAt: at('20:00') }),
  prediction({ predictionId: 'loss', systemId: 'sys_b', recommendation: 'UNDER' }),
  prediction({ predictionId: 'pending', gameId: 'g9' }),
];

describe('planDate', () => {
  const plan = planDate('2026-03-05', selectionOf(versions), [actual()]);

  it('grades the selected predictions of games with actuals', () => {
    expect(plan.rows.map((r) => [r.predictionId, r.predictionCorrect])).toEqual([
      ['win', true],
      ['loss', false],
    ]);
  });

  it('computes the daily performance of those rows', () => {
    expect(plan.performance.map((p) => [p.gameDate, p.systemId, p.hitRate])).toEqual([
      ['2026-03-05', 'sys_a', 1],
      ['2026-03-05', 'sys_b', 0],
    ]);
  });

  it('carries the selection counts and the coverage verdict', () => {
    expect(plan).toMatchObject({
      gameDate: '2026-03-05',
      sourceDuplicatesDropped: 1,
      supersededLines: 1,
      latePredictions: 1,
      pendingGames: ['g9'],
      games: 2,
      gamesWithActuals: 1,
    });
    expect(plan.refusal).toMatch(/1 of 2 games/);
  });

  it('passes the gate when every game has actuals', () => {
    const ok = planDate('2026-03-05', selectionOf(versions.slice(0, 5)), [actual()]);
    expect(ok.refusal).toBeNull();
    expect(ok.pendingGames).toEqual([]);
    expect(ok.rows).toHaveLength(2);
  });

  it('refuses an empty selection and plans nothing', () => {
    const empty = planDate('2026-03-05', selectionOf([]), [actual()]);
    expect(empty.refusal).not.toBeNull();
    expect(empty.rows).toEqual([]);
    expect(empty.performance).toEqual([]);
  });

  it('rejects a selection holding another date', () => {
    const other = selectionOf([prediction({ gameDate: '2026-03-06' })]);
    expect(() => planDate('2026-03-05', other, [])).toThrow(/2026-03-06/);
    expect(() => planDate('2026-03-05', other, [])).toThrow(InternalError);
  });
});
