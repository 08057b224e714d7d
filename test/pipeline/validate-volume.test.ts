/**
 * validate's volume check fires through real commands and clears after a real change: a date
 * graded with far fewer rows than the median of its previous dates (below_median), a date whose
 * selected predictions grew after grading (below_selected), and too little history
 * (insufficient_history, ok).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateRange } from '../../src/util/dates.js';
import { tempDir } from '../helpers/cli.js';
import { check, daysAgo, ingestSlate, ok, validateJson } from './validate-fixtures.js';

const tmp = tempDir('propgrade-validate-volume-');
afterAll(() => tmp.cleanup());
const history = dateRange(daysAgo(12), daysAgo(5));
const day = daysAgo(3);

describe('validate: volume on SQLite', () => {
  const db = join(tmp.dir, 'volume.db');
  beforeAll(async () => {
    await ingestSlate(db, tmp.dir, history, 5);
    await ingestSlate(db, tmp.dir, day, 2);
    await ok(['backfill', '--from', history[0]!, '--to', history[history.length - 1]!, '--db', db]);
    await ok(['grade', '--date', day, '--db', db]);
  });

  it('too little history is ok, with insufficient_history', async () => {
    const first = await validateJson(db, ['--date', history[0]!]);
    const v = check(first.report, 'volume');
    expect([v.status, v.details.insufficientHistory]).toEqual(['ok', [history[0]]]);
  });

  it('a drop below half the median of the previous dates warns; more rows after a regrade clear it', async () => {
    const low = await validateJson(db, ['--date', day]);
    const v = check(low.report, 'volume');
    expect([low.code, v.status, v.count]).toEqual([0, 'warning', 1]);
    expect(v.details.dates).toEqual([
      {
        gameDate: day,
        gradedRows: 4,
        selectedPredictions: 4,
        median: 10,
        reasons: ['below_median'],
      },
    ]);
    expect((await validateJson(db, ['--date', day, '--strict'])).code).toBe(1);
    await ingestSlate(db, tmp.dir, day, 3, { from: 2 });
    await ok(['grade', '--date', day, '--db', db]);
    const back = await validateJson(db, ['--date', day, '--strict']);
    expect(check(back.report, 'volume')).toMatchObject({ status: 'ok', count: 0 });
    expect(back.code).toBe(0);
  });

  it('graded rows below 90% of the selected predictions warn until the date is graded again', async () => {
    await ingestSlate(db, tmp.dir, day, 1, { from: 5 });
    const stale = await validateJson(db, ['--date', day]);
    const v = check(stale.report, 'volume');
    expect([v.status, v.nextCommand]).toEqual(['warning', `propgrade grade --date ${day}`]);
    expect(v.details.dates).toEqual([
      {
        gameDate: day,
        gradedRows: 10,
        selectedPredictions: 12,
        median: 10,
        reasons: ['below_selected'],
      },
    ]);
    await ok(['grade', '--date', day, '--db', db]);
    expect(check((await validateJson(db, ['--date', day])).report, 'volume').status).toBe('ok');
  });
});
