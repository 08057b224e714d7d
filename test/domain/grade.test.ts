import { describe, expect, it } from 'vitest';
import { assessCoverage } from '../../src/domain/coverage.js';
import {
  confidenceDecile,
  confidenceDivisors,
  gradePrediction,
  gradeSelection,
} from '../../src/domain/grade.js';
import type { ActualRow, GradedRow, PredictionVersion } from '../../src/domain/types.js';
import { actual, prediction } from './builders.js';

const plain = { divisor: 1, cancelled: false } as const;

function grade(p: Partial<PredictionVersion>, a: Partial<ActualRow> | null = {}): GradedRow {
  return gradePrediction(prediction(p), a === null ? undefined : actual(a), plain);
}

interface OutcomeCase {
  name: string;
  p: Partial<PredictionVersion>;
  points: number;
  correct: boolean | null;
  profit: number;
  predictedMargin: number | null;
  actualMargin: number | null;
}

const outcomeCases: OutcomeCase[] = [
  {
    name: 'OVER wins above the line',
    p: { recommendation: 'OVER', lineValue: 20.5, predictedPoints: 22 },
    points: 25,
    correct: true,
    profit: 100 / 110,
    predictedMargin: 1.5,
    actualMargin: 4.5,
  },
  {
    name: 'OVER loses below the line',
    p: { recommendation: 'OVER', lineValue: 20.5, predictedPoints: 22 },
    points: 18,
    correct: false,
    profit: -1,
    predictedMargin: 1.5,
    actualMargin: -2.5,
  },
  {
    name: 'UNDER wins below the line',
    p: { recommendation: 'UNDER', lineValue: 20.5, predictedPoints: 19 },
    points: 18,
    correct: true,
    profit: 100 / 110,
    predictedMargin: -1.5,
    actualMargin: -2.5,
  },
  {
    name: 'UNDER loses above the line',
    p: { recommendation: 'UNDER', lineValue: 20.5, predictedPoints: 19 },
    points: 21,
    correct: false,
    profit: -1,
    predictedMargin: -1.5,
    actualMargin: 0.5,
  },
  {
    name: 'OVER on an integer line hit exactly is a push',
    p: { recommendation: 'OVER', lineValue: 20, predictedPoints: 22 },
    points: 20,
    correct: null,
    profit: 0,
    predictedMargin: 2,
    actualMargin: 0,
  },
  {
    name: 'UNDER on an integer line hit exactly is a push',
    p: { recommendation: 'UNDER', lineValue: 20, predictedPoints: 18 },
    points: 20,
    correct: null,
    profit: 0,
    predictedMargin: -2,
    actualMargin: 0,
  },
  {
    name: 'PASS is not a bet but keeps margins',
    p: { recommendation: 'PASS', lineValue: 20.5, predictedPoints: 21 },
    points: 30,
    correct: null,
    profit: 0,
    predictedMargin: 0.5,
    actualMargin: 9.5,
  },
  {
    name: 'HOLD is not a bet',
    p: { recommendation: 'HOLD', lineValue: 20.5, predictedPoints: 21 },
    points: 10,
    correct: null,
    profit: 0,
    predictedMargin: 0.5,
    actualMargin: -10.5,
  },
  {
    name: 'NO_LINE without a line has no margins',
    p: { recommendation: 'NO_LINE', lineValue: null, predictedPoints: 21 },
    points: 25,
    correct: null,
    profit: 0,
    predictedMargin: null,
    actualMargin: null,
  },
  {
    name: 'OVER with a NULL line is undecided',
    p: { recommendation: 'OVER', lineValue: null, predictedPoints: 21 },
    points: 25,
    correct: null,
    profit: 0,
    predictedMargin: null,
    actualMargin: null,
  },
  {
    name: 'a line of 0 is a line',
    p: { recommendation: 'OVER', lineValue: 0, predictedPoints: 3 },
    points: 2,
    correct: true,
    profit: 100 / 110,
    predictedMargin: 3,
    actualMargin: 2,
  },
];

describe('gradePrediction outcomes', () => {
  it.each(outcomeCases)('$name', (c) => {
    const row = grade(c.p, { points: c.points });
    expect(row.isVoided).toBe(false);
    expect(row.voidReason).toBeNull();
    expect(row.actualPoints).toBe(c.points);
    expect(row.predictionCorrect).toBe(c.correct);
    expect(row.profitUnits).toBe(c.profit);
    expect(row.predictedMargin).toBe(c.predictedMargin);
    expect(row.actualMargin).toBe(c.actualMargin);
    expect(row.signedError).toBe((c.p.predictedPoints ?? 0) - c.points);
    expect(row.absoluteError).toBe(Math.abs((c.p.predictedPoints ?? 0) - c.points));
  });

  it('copies identity fields and takes team and minutes from the actual row', () => {
    const row = grade(
      { predictionId: 'id9', modelVersion: 'v7', gameDate: '2026-03-05' },
      { minutesPlayed: 31.5, teamAbbr: 'DEN', opponentTeamAbbr: 'LAL' },
    );
    expect(row).toMatchObject({
      predictionId: 'id9',
      playerLookup: 'player1',
      gameId: 'g1',
      systemId: 'sys_a',
      lineValue: 20.5,
      gameDate: '2026-03-05',
      modelVersion: 'v7',
      minutesPlayed: 31.5,
      teamAbbr: 'DEN',
      opponentTeamAbbr: 'LAL',
    });
  });
});

interface VoidCase {
  name: string;
  a: Partial<ActualRow> | null;
  cancelled?: boolean;
  reason: GradedRow['voidReason'];
}

const voidCases: VoidCase[] = [
  {
    name: 'is_dnp with OUT',
    a: { isDnp: true, points: null, injuryStatus: 'OUT' },
    reason: 'dnp_injury_confirmed',
  },
  {
    name: 'is_dnp with DOUBTFUL',
    a: { isDnp: true, points: null, injuryStatus: 'DOUBTFUL' },
    reason: 'dnp_injury_confirmed',
  },
  {
    name: 'is_dnp with QUESTIONABLE',
    a: { isDnp: true, points: null, injuryStatus: 'QUESTIONABLE' },
    reason: 'dnp_late_scratch',
  },
  {
    name: 'is_dnp with PROBABLE',
    a: { isDnp: true, points: null, injuryStatus: 'PROBABLE' },
    reason: 'dnp_late_scratch',
  },
  { name: 'is_dnp without a status', a: { isDnp: true, points: null }, reason: 'dnp_unknown' },
  { name: 'is_dnp even with points', a: { isDnp: true, points: 4 }, reason: 'dnp_unknown' },
  { name: 'NULL points', a: { points: null, minutesPlayed: 20 }, reason: 'dnp_unknown' },
  {
    name: '0 points in 0 minutes',
    a: { points: 0, minutesPlayed: 0, injuryStatus: 'QUESTIONABLE' },
    reason: 'dnp_late_scratch',
  },
  {
    name: '0 points with NULL minutes',
    a: { points: 0, minutesPlayed: null, injuryStatus: 'OUT' },
    reason: 'dnp_injury_confirmed',
  },
  { name: 'no actual row', a: null, reason: 'dnp_unknown' },
  {
    name: 'a cancelled game, even with a stat line',
    a: { points: 30 },
    cancelled: true,
    reason: 'game_cancelled',
  },
  {
    name: 'a cancelled game without an actual row',
    a: null,
    cancelled: true,
    reason: 'game_cancelled',
  },
];

describe('gradePrediction voids', () => {
  it.each(voidCases)('$name', (c) => {
    const a = c.a === null ? undefined : actual(c.a);
    const row = gradePrediction(prediction({ confidenceScore: 0.64, oddsAmerican: 150 }), a, {
      divisor: 1,
      cancelled: c.cancelled ?? false,
    });
    expect(row.isVoided).toBe(true);
    expect(row.voidReason).toBe(c.reason);
    for (const field of [
      'actualPoints',
      'predictionCorrect',
      'absoluteError',
      'signedError',
      'predictedMargin',
      'actualMargin',
      'within3Points',
      'within5Points',
    ] as const) {
      expect(row[field], field).toBeNull();
    }
    expect(row.profitUnits).toBe(0);
    expect(row.oddsAmerican).toBe(150);
    expect(row.confidenceScore).toBe(0.64);
    expect(row.confidenceDecile).toBe(7);
    expect(row.teamAbbr).toBe(a === undefined ? null : 'BOS');
    expect(row.minutesPlayed).toBe(a === undefined ? null : a.minutesPlayed);
  });

  it('grades 0 points with minutes played as a real 0', () => {
    const row = grade(
      { recommendation: 'UNDER', lineValue: 2.5, predictedPoints: 1 },
      { points: 0, minutesPlayed: 12 },
    );
    expect(row.isVoided).toBe(false);
    expect(row.actualPoints).toBe(0);
    expect(row.predictionCorrect).toBe(true);
    expect(row.absoluteError).toBe(1);
  });
});

describe('within flags', () => {
  it.each([
    { predicted: 25, points: 22, within3: true, within5: true },
    { predicted: 19, points: 22, within3: true, within5: true },
    { predicted: 25.0000001, points: 22, within3: false, within5: true },
    { predicted: 27, points: 22, within3: false, within5: true },
    { predicted: 17, points: 22, within3: false, within5: true },
    { predicted: 27.0000001, points: 22, within3: false, within5: false },
    { predicted: 22, points: 22, within3: true, within5: true },
  ])('predicted $predicted, actual $points', (c) => {
    const row = grade({ predictedPoints: c.predicted }, { points: c.points });
    expect(row.within3Points).toBe(c.within3);
    expect(row.within5Points).toBe(c.within5);
  });
});

describe('profit at American odds', () => {
  it.each([
    { odds: -110, points: 25, used: -110, profit: 100 / 110 },
    { odds: 150, points: 25, used: 150, profit: 1.5 },
    { odds: null, points: 25, used: -110, profit: 100 / 110 },
    { odds: -115, points: 25, used: -115, profit: 100 / 115 },
    { odds: 100, points: 25, used: 100, profit: 1 },
    { odds: -110, points: 10, used: -110, profit: -1 },
    { odds: 150, points: 10, used: 150, profit: -1 },
    { odds: null, points: 10, used: -110, profit: -1 },
  ])('odds $odds, actual $points', (c) => {
    const row = grade(
      { oddsAmerican: c.odds, recommendation: 'OVER', lineValue: 20.5 },
      { points: c.points },
    );
    expect(row.oddsAmerican).toBe(c.used);
    expect(row.profitUnits).toBe(c.profit);
  });
});

describe('confidence', () => {
  it.each([
    { c: 0, decile: 1 },
    { c: 0.05, decile: 1 },
    { c: 0.1, decile: 2 },
    { c: 0.3, decile: 4 },
    { c: 0.7, decile: 8 },
    { c: 0.9, decile: 10 },
    { c: 0.95, decile: 10 },
    { c: 1.0, decile: 10 },
    { c: null, decile: null },
  ])('decile of $c is $decile', ({ c, decile }) => {
    expect(confidenceDecile(c)).toBe(decile);
  });

  it.each([
    { raw: 1, normalised: 0.01, decile: 1 },
    { raw: 70, normalised: 0.7, decile: 8 },
    { raw: 95, normalised: 0.95, decile: 10 },
    { raw: 100, normalised: 1, decile: 10 },
    { raw: 0.5, normalised: 0.005, decile: 1 },
  ])('on a 0–100 system, $raw is $normalised in decile $decile', (c) => {
    const row = gradePrediction(prediction({ confidenceScore: c.raw }), actual(), {
      divisor: 100,
      cancelled: false,
    });
    expect(row.confidenceScore).toBe(c.normalised);
    expect(row.confidenceDecile).toBe(c.decile);
  });

  it('decides the scale per system and date', () => {
    const divisors = confidenceDivisors([
      prediction({ systemId: 'a', confidenceScore: 0.9 }),
      prediction({ systemId: 'a', confidenceScore: 1 }),
      prediction({ systemId: 'b', confidenceScore: 0.5 }),
      prediction({ systemId: 'b', confidenceScore: 72 }),
      prediction({ systemId: 'b', confidenceScore: null }),
      prediction({ systemId: 'b', gameDate: '2026-03-06', confidenceScore: 0.7 }),
      prediction({ systemId: 'c', confidenceScore: null }),
    ]);
    expect(Object.fromEntries(divisors)).toEqual({
      'a|2026-03-05': 1,
      'b|2026-03-05': 100,
      'b|2026-03-06': 1,
      'c|2026-03-05': 1,
    });
  });
});

describe('gradeSelection', () => {
  const selected = [
    prediction({ predictionId: 'played', confidenceScore: 60 }),
    prediction({ predictionId: 'absent', playerLookup: 'ghost', confidenceScore: 0.5 }),
    prediction({ predictionId: 'pending', gameId: 'g2' }),
    prediction({ predictionId: 'cancelled', gameId: 'g3' }),
    prediction({ predictionId: 'other-system', systemId: 'sys_b', confidenceScore: 0.5 }),
  ];
  const actuals = [actual(), actual({ gameId: 'g3', points: 12, gameStatus: 'cancelled' })];
  const rows = gradeSelection(selected, actuals, assessCoverage(selected, actuals));
  const byId = new Map(rows.map((r) => [r.predictionId, r]));

  it('skips predictions of pending games and keeps the given order', () => {
    expect(rows.map((r) => r.predictionId)).toEqual([
      'played',
      'absent',
      'cancelled',
      'other-system',
    ]);
  });

  it('voids a player missing from a game that has actuals as dnp_unknown', () => {
    expect(byId.get('absent')).toMatchObject({
      isVoided: true,
      voidReason: 'dnp_unknown',
      teamAbbr: null,
    });
  });

  it('voids every prediction of a cancelled game', () => {
    expect(byId.get('cancelled')).toMatchObject({
      isVoided: true,
      voidReason: 'game_cancelled',
      minutesPlayed: 30,
    });
  });

  it('applies each system-and-date scale', () => {
    expect(byId.get('played')?.confidenceScore).toBe(0.6);
    expect(byId.get('absent')?.confidenceScore).toBe(0.005);
    expect(byId.get('other-system')?.confidenceScore).toBe(0.5);
  });

  it('grades played rows against their own actual', () => {
    expect(byId.get('played')).toMatchObject({
      isVoided: false,
      actualPoints: 25,
      predictionCorrect: true,
    });
  });
});
