/**
 * validate's input checks fire through real commands and change status after a real change:
 * freshness (newest dates with predictions but no actuals or grading: critical → warning → ok as
 * actuals arrive and dates are graded) and ungraded_dates (a late, corrected actuals file:
 * warning for yesterday, critical for a date older than 2 days; `backfill --stale` clears it).
 * Dates are relative to today in America/New_York, as the default window is.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateRange } from '../../src/util/dates.js';
import { tempDir } from '../helpers/cli.js';
import {
  actualsFile,
  check,
  daysAgo,
  ingestSlate,
  ok,
  predictionsFile,
  validateJson,
} from './validate-fixtures.js';

const tmp = tempDir('propgrade-validate-fresh-');
afterAll(() => tmp.cleanup());
const [older, twoAgo, oneAgo, yesterday] = [daysAgo(4), daysAgo(3), daysAgo(2), daysAgo(1)];

describe('validate: freshness and ungraded_dates on SQLite', () => {
  const db = join(tmp.dir, 'fresh.db');
  beforeAll(async () => {
    await ingestSlate(db, tmp.dir, [older, twoAgo], 4);
    await ok(['backfill', '--from', older, '--to', twoAgo, '--db', db]);
    await ok([
      'ingest',
      'predictions',
      predictionsFile(tmp.dir, [oneAgo, yesterday], 4),
      '--db',
      db,
    ]);
  });

  it('freshness: two dates behind is critical, one behind a warning, none ok', async () => {
    const behind2 = await validateJson(db, ['--days', '3']);
    expect([behind2.report.from, behind2.report.to]).toEqual([twoAgo, yesterday]);
    const f2 = check(behind2.report, 'freshness');
    expect([behind2.code, f2.status, f2.count, f2.nextCommand]).toEqual([
      1,
      'critical',
      2,
      'propgrade ingest actuals FILE',
    ]);
    expect(check(behind2.report, 'ungraded_dates').status).toBe('ok');

    await ok(['ingest', 'actuals', actualsFile(tmp.dir, oneAgo, 4), '--db', db]);
    await ok(['grade', '--date', oneAgo, '--db', db]);
    const behind1 = await validateJson(db, ['--days', '3']);
    expect(check(behind1.report, 'freshness')).toMatchObject({ status: 'warning', count: 1 });
    expect([behind1.code, behind1.report.status]).toEqual([0, 'warning']);

    await ok(['ingest', 'actuals', actualsFile(tmp.dir, yesterday, 4), '--db', db]);
    const actualsOnly = await validateJson(db, ['--days', '3']);
    expect(check(actualsOnly.report, 'freshness')).toMatchObject({
      status: 'warning',
      nextCommand: `propgrade grade --date ${yesterday}`,
    });
    await ok(['grade', '--date', yesterday, '--db', db]);
    const current = await validateJson(db, ['--days', '3', '--strict']);
    expect(check(current.report, 'freshness')).toMatchObject({ status: 'ok', count: 0 });
    expect([current.code, current.report.status]).toEqual([0, 'ok']);
  });

  it('freshness is judged within the window: an old fully graded date is ok; a window without predictions is ok', async () => {
    const old = await validateJson(db, ['--date', older]);
    expect(check(old.report, 'freshness').status).toBe('ok');
    const empty = await validateJson(db, ['--date', '2020-01-01']);
    expect(check(empty.report, 'freshness')).toMatchObject({
      status: 'ok',
      summary: 'no predictions in the window',
    });
    expect(empty.report.status).toBe('ok');
  });

  it('ungraded_dates: late actuals for yesterday warn; for a date 4 days old are critical; backfill --stale clears both', async () => {
    await ok(['ingest', 'actuals', actualsFile(tmp.dir, yesterday, 4, 0, 31), '--db', db]);
    const recent = await validateJson(db, ['--days', '3']);
    const u1 = check(recent.report, 'ungraded_dates');
    expect([recent.code, u1.status, u1.count]).toEqual([0, 'warning', 1]);
    expect((u1.details.dates as { gameDate: string }[]).map((d) => d.gameDate)).toEqual([
      yesterday,
    ]);
    expect(u1.nextCommand).toBe(`propgrade backfill --from ${yesterday} --to ${yesterday} --stale`);

    await ok(['ingest', 'actuals', actualsFile(tmp.dir, older, 4, 0, 12), '--db', db]);
    const week = await validateJson(db, ['--days', '7']);
    const u2 = check(week.report, 'ungraded_dates');
    expect([week.code, u2.status, u2.count]).toEqual([1, 'critical', 2]);
    expect(
      (u2.details.dates as { gameDate: string; status: string }[]).map((d) => [
        d.gameDate,
        d.status,
      ]),
    ).toEqual([
      [older, 'critical'],
      [yesterday, 'warning'],
    ]);

    const range = dateRange(older, yesterday);
    await ok([
      'backfill',
      '--from',
      range[0]!,
      '--to',
      range[range.length - 1]!,
      '--stale',
      '--db',
      db,
    ]);
    const cleared = await validateJson(db, ['--days', '7']);
    expect(check(cleared.report, 'ungraded_dates')).toMatchObject({ status: 'ok', count: 0 });
    expect([cleared.code, cleared.report.status]).toEqual([0, 'ok']);
  });
});
