import { describe, expect, expectTypeOf, it } from 'vitest';
import { gradePrediction } from '../../src/domain/grade.js';
import {
  dailyPerformance,
  PerformanceAccumulator,
  type PerformanceInput,
} from '../../src/domain/performance.js';
import type { AccuracyRow, GradedRow, PerformanceFigures } from '../../src/domain/types.js';
import { actual, prediction } from './builders.js';

/** A non-voided OVER at 20.5 that hit 25 (error 3 from 22), unless overridden. */
function row(overrides: Partial<PerformanceInput> = {}): PerformanceInput {
  return {
    isVoided: false,
    recommendation: 'OVER',
    lineValue: 20.5,
    actualPoints: 25,
    predictionCorrect: true,
    absoluteError: 3,
    signedError: -3,
    within3Points: true,
    within5Points: true,
    profitUnits: 100 / 110,
    ...overrides,
  };
}

const voidedRow = row({
  isVoided: true,
  actualPoints: null,
  predictionCorrect: null,
  absoluteError: null,
  signedError: null,
  within3Points: null,
  within5Points: null,
  profitUnits: 0,
});

function figuresOf(rows: PerformanceInput[]): PerformanceFigures {
  const acc = new PerformanceAccumulator();
  for (const r of rows) acc.add(r);
  return acc.figures();
}

describe('PerformanceAccumulator definitions (SPEC 3.4)', () => {
  const rows: PerformanceInput[] = [
    row(),
    row({
      recommendation: 'UNDER',
      predictionCorrect: false,
      absoluteError: 6,
      signedError: 6,
      within3Points: false,
      within5Points: false,
      profitUnits: -1,
    }),
    row({
      recommendation: 'UNDER',
      predictionCorrect: true,
      absoluteError: 1,
      signedError: -1,
      profitUnits: 1.5,
    }),
    row({
      lineValue: 20,
      actualPoints: 20,
      predictionCorrect: null,
      absoluteError: 2,
      signedError: 2,
      profitUnits: 0,
    }),
    row({
      recommendation: 'PASS',
      predictionCorrect: null,
      absoluteError: 4,
      signedError: 4,
      within3Points: false,
      profitUnits: 0,
    }),
    row({
      recommendation: 'NO_LINE',
      lineValue: null,
      predictionCorrect: null,
      absoluteError: 5,
      signedError: -5,
      within3Points: false,
      profitUnits: 0,
    }),
    { ...voidedRow },
    { ...voidedRow, lineValue: null },
  ];
  const f = figuresOf(rows);

  it.each([
    ['predictions: every row', 'predictions', 8],
    ['voided: rows with is_voided', 'voided', 2],
    ['correct', 'correct', 2],
    ['incorrect', 'incorrect', 1],
    ['graded = correct + incorrect', 'graded', 3],
    ['pushes: non-voided OVER/UNDER with a line and actual = line', 'pushes', 1],
    ['no_line: rows with a NULL line, voided or not', 'noLine', 2],
    ['over_graded', 'overGraded', 1],
    ['over_correct', 'overCorrect', 1],
    ['under_graded', 'underGraded', 2],
    ['under_correct', 'underCorrect', 1],
  ] as const)('%s', (_name, field, expected) => {
    expect(f[field]).toBe(expected);
  });

  it('hit_rate = correct / graded', () => {
    expect(f.hitRate).toBe(2 / 3);
  });

  it('mae and bias over non-voided rows with an actual, PASS and NO_LINE included', () => {
    expect(f.mae).toBeCloseTo((3 + 6 + 1 + 2 + 4 + 5) / 6, 12);
    expect(f.bias).toBeCloseTo((-3 + 6 - 1 + 2 + 4 - 5) / 6, 12);
  });

  it('within rates over those same rows', () => {
    expect(f.within3Rate).toBe(3 / 6);
    expect(f.within5Rate).toBe(5 / 6);
  });

  it('profit is summed and roi = profit / graded', () => {
    expect(f.profitUnits).toBeCloseTo(100 / 110 - 1 + 1.5, 12);
    expect(f.roi).toBeCloseTo((100 / 110 - 1 + 1.5) / 3, 12);
  });
});

describe('PerformanceAccumulator edges', () => {
  it('gives null rates and zero counts with no rows', () => {
    expect(figuresOf([])).toEqual({
      predictions: 0,
      graded: 0,
      correct: 0,
      incorrect: 0,
      pushes: 0,
      voided: 0,
      noLine: 0,
      hitRate: null,
      mae: null,
      bias: null,
      overGraded: 0,
      overCorrect: 0,
      underGraded: 0,
      underCorrect: 0,
      within3Rate: null,
      within5Rate: null,
      profitUnits: 0,
      roi: null,
    });
  });

  it('gives a null hit rate and roi but real errors when nothing was decided', () => {
    const f = figuresOf([row({ recommendation: 'PASS', predictionCorrect: null, profitUnits: 0 })]);
    expect([f.graded, f.hitRate, f.roi, f.mae]).toEqual([0, null, null, 3]);
  });

  it('gives null error rates when every row is voided', () => {
    const f = figuresOf([voidedRow]);
    expect([f.predictions, f.voided, f.mae, f.bias, f.within3Rate]).toEqual([
      1,
      1,
      null,
      null,
      null,
    ]);
  });

  it('treats an unknown is_voided (imported row) as not voided and NULL profit as 0', () => {
    const f = figuresOf([row({ isVoided: null, profitUnits: null })]);
    expect([f.voided, f.graded, f.correct, f.profitUnits]).toEqual([0, 1, 1, 0]);
  });

  it('does not count a voided row as decided or a push even if it carries flags', () => {
    const f = figuresOf([{ ...voidedRow, predictionCorrect: true, actualPoints: 20.5 }]);
    expect([f.graded, f.pushes]).toEqual([0, 0]);
  });

  it('keeps pooled sums exact where naive addition drifts', () => {
    const f = figuresOf(Array.from({ length: 10 }, () => row({ absoluteError: 0.1 })));
    expect(f.mae).toBe(0.1);
  });

  it('pools over a range instead of averaging daily rates', () => {
    const day1 = [row()];
    const day2 = [
      row(),
      row({ predictionCorrect: false, profitUnits: -1 }),
      row({ predictionCorrect: false, profitUnits: -1 }),
    ];
    const d1 = figuresOf(day1);
    const d2 = figuresOf(day2);
    const pooled = figuresOf([...day1, ...day2]);
    expect(pooled.hitRate).toBe(0.5);
    expect(((d1.hitRate ?? 0) + (d2.hitRate ?? 0)) / 2).toBeCloseTo(2 / 3, 12);
    expect(pooled.hitRate).not.toBeCloseTo(((d1.hitRate ?? 0) + (d2.hitRate ?? 0)) / 2, 6);
  });
});

describe('PerformanceInput', () => {
  it('accepts graded and stored rows', () => {
    expectTypeOf<GradedRow>().toExtend<PerformanceInput>();
    expectTypeOf<AccuracyRow>().toExtend<PerformanceInput>();
    const graded = gradePrediction(prediction(), actual(), { divisor: 1, cancelled: false });
    const acc = new PerformanceAccumulator();
    acc.add(graded);
    expect(acc.figures().correct).toBe(1);
  });
});

describe('dailyPerformance', () => {
  it('gives one figure set per (date, system), sorted by date then system', () => {
    const at = (gameDate: string, systemId: string, r: PerformanceInput) => ({
      ...r,
      gameDate,
      systemId,
    });
    const out = dailyPerformance([
      at('2026-03-06', 'sys_a', row()),
      at('2026-03-05', 'sys_b', row({ predictionCorrect: false, profitUnits: -1 })),
      at('2026-03-05', 'sys_a', row()),
      at('2026-03-05', 'sys_b', row()),
    ]);
    expect(out.map((d) => [d.gameDate, d.systemId, d.predictions, d.hitRate])).toEqual([
      ['2026-03-05', 'sys_a', 1, 1],
      ['2026-03-05', 'sys_b', 2, 0.5],
      ['2026-03-06', 'sys_a', 1, 1],
    ]);
  });

  it('gives nothing for no rows', () => {
    expect(dailyPerformance([])).toEqual([]);
  });
});
