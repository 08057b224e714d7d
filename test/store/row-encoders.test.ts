/**
 * The hand-written hot-loop encoders of a graded row (SQLite INSERT parameters, PostgreSQL COPY
 * CSV) against the column-spec encoding they replace, on rows with every kind of value.
 */
import { describe, expect, it } from 'vitest';
import type { GradedRow } from '../../src/domain/types.js';
import { ACCURACY_COLUMNS } from '../../src/store/columns.js';
import { csvField, csvLineWriter } from '../../src/store/postgres/copy.js';
import { encodeRow } from '../../src/store/sqlite/encode.js';
import { accuracyParams } from '../../src/store/sqlite/replace-partition.js';
import { graded } from './fixtures.js';

const STAMP = { gradedAt: '2030-01-01T10:00:00.000Z', runId: 'run-"1"', fenceToken: 7 };

/** Rows where every column holds a value no other column holds (so a swap is visible). */
function rows(): GradedRow[] {
  const distinct = graded({
    playerLookup: 'pl "x"',
    teamAbbr: 'BOS',
    opponentTeamAbbr: 'NYK',
    confidenceScore: 0.61,
    confidenceDecile: 7,
    actualPoints: 25,
    minutesPlayed: 31.5,
    absoluteError: 2.9,
    signedError: -2.9,
    predictionCorrect: true,
    predictedMargin: 1.6,
    actualMargin: 4.5,
    within3Points: true,
    within5Points: false,
    isVoided: false,
    modelVersion: 'm9',
    oddsAmerican: 150,
    profitUnits: 1.5,
  });
  const voided = graded({
    lineValue: null,
    actualPoints: null,
    predictionCorrect: null,
    within3Points: null,
    isVoided: true,
    voidReason: 'dnp_unknown',
    modelVersion: null,
    teamAbbr: null,
  });
  return [distinct, voided];
}

const specRow = (row: GradedRow) => encodeRow({ ...row, ...STAMP }, ACCURACY_COLUMNS);

describe('hand-written graded-row encoders', () => {
  it('SQLite parameters equal encodeRow over ACCURACY_COLUMNS', () => {
    const paramsOf = accuracyParams(STAMP);
    for (const row of rows()) expect([...paramsOf(row)]).toEqual(specRow(row));
  });

  it('the COPY line equals the column-spec CSV of the same values', () => {
    const lineOf = csvLineWriter(STAMP);
    for (const row of rows()) {
      const values = ACCURACY_COLUMNS.map((spec) => ({ ...row, ...STAMP })[spec.field as 'runId']);
      expect(lineOf(row)).toBe(`${values.map(csvField).join(',')}\n`);
    }
  });

  it('control: the two rows differ in every encoded column the comparison depends on', () => {
    const [a, b] = rows().map(specRow);
    const differing = a!.filter((value, i) => value !== b![i]).length;
    expect(differing).toBeGreaterThan(10);
  });
});
