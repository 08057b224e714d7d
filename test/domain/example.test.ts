import { describe, expect, it } from 'vitest';
import { planDate } from '../../src/domain/plan.js';
import { gameStartsFrom, SourceSelector } from '../../src/domain/selection.js';
import type { DailyPerformance, GradedRow } from '../../src/domain/types.js';
import {
  bool,
  exampleActuals,
  examplePredictions,
  num,
  readExampleCsv,
  text,
} from './example-fixture.js';

const TOLERANCE = 1e-9;
const GAME_DATE = '2026-03-05';

function examplePlan() {
  const actuals = exampleActuals();
  const selector = new SourceSelector(gameStartsFrom(actuals), 'latest');
  selector.add(examplePredictions());
  return planDate(GAME_DATE, selector.result(), actuals);
}

/** Expected CSV column -> how to read it and the graded row field it checks. */
const ACCURACY_COLUMNS = {
  line_value: ['num', 'lineValue'],
  predicted_points: ['num', 'predictedPoints'],
  actual_points: ['num', 'actualPoints'],
  prediction_correct: ['bool', 'predictionCorrect'],
  is_voided: ['bool', 'isVoided'],
  void_reason: ['text', 'voidReason'],
  absolute_error: ['num', 'absoluteError'],
  signed_error: ['num', 'signedError'],
  within_3_points: ['bool', 'within3Points'],
  within_5_points: ['bool', 'within5Points'],
  predicted_margin: ['num', 'predictedMargin'],
  actual_margin: ['num', 'actualMargin'],
  confidence_decile: ['num', 'confidenceDecile'],
  profit_units: ['num', 'profitUnits'],
} as const satisfies Record<string, readonly ['num' | 'bool' | 'text', keyof GradedRow]>;

const PERFORMANCE_COLUMNS = {
  predictions: 'predictions',
  graded: 'graded',
  correct: 'correct',
  incorrect: 'incorrect',
  pushes: 'pushes',
  voided: 'voided',
  no_line: 'noLine',
  hit_rate: 'hitRate',
  mae: 'mae',
  bias: 'bias',
  within_3_rate: 'within3Rate',
  within_5_rate: 'within5Rate',
  profit_units: 'profitUnits',
  roi: 'roi',
} as const satisfies Record<string, keyof DailyPerformance>;

function expectValue(actualValue: unknown, expected: unknown, label: string): void {
  if (typeof expected === 'number' && typeof actualValue === 'number') {
    expect(Math.abs(actualValue - expected), label).toBeLessThanOrEqual(TOLERANCE);
  } else {
    expect(actualValue, label).toBe(expected);
  }
}

describe('the worked grading example (shared/examples/grading)', () => {
  const plan = examplePlan();
  const rowsByKey = new Map(plan.rows.map((r) => [`${r.systemId}|${r.playerLookup}`, r]));

  it('counts one source duplicate, one superseded line, no late predictions', () => {
    expect(plan.sourceDuplicatesDropped).toBe(1);
    expect(plan.supersededLines).toBe(1);
    expect(plan.latePredictions).toBe(0);
    expect(plan.pendingGames).toEqual([]);
    expect(plan.refusal).toBeNull();
  });

  const expectedRows = readExampleCsv('expected_accuracy.csv');

  it('grades exactly the expected rows', () => {
    expect(plan.rows).toHaveLength(expectedRows.length);
  });

  it.each(expectedRows.map((r) => [`${r['system_id']} ${r['player_lookup']}`, r] as const))(
    'matches %s',
    (_label, expected) => {
      const row = rowsByKey.get(`${expected['system_id']}|${expected['player_lookup']}`);
      expect(row).toBeDefined();
      for (const [column, [kind, field]] of Object.entries(ACCURACY_COLUMNS)) {
        const want =
          kind === 'num'
            ? num(expected, column)
            : kind === 'bool'
              ? bool(expected, column)
              : text(expected, column);
        expectValue(row?.[field], want, column);
      }
    },
  );

  const expectedPerformance = readExampleCsv('expected_performance.csv');

  it('has one performance row per expected system', () => {
    expect(plan.performance.map((p) => p.systemId)).toEqual(
      expectedPerformance.map((r) => r['system_id']),
    );
  });

  it.each(expectedPerformance.map((r) => [r['system_id'], r] as const))(
    'matches the performance of %s',
    (systemId, expected) => {
      const figures = plan.performance.find((p) => p.systemId === systemId);
      expect(figures?.gameDate).toBe(GAME_DATE);
      for (const [column, field] of Object.entries(PERFORMANCE_COLUMNS)) {
        expectValue(figures?.[field], num(expected, column), column);
      }
    },
  );
});
