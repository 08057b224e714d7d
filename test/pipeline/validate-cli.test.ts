/**
 * The validate command itself: the JSON shape and check order, the window in PROPGRADE_TIMEZONE,
 * usage errors (exit 2), --strict, a check that throws (critical with its error, never ok), an
 * unreachable store (exit 4), history stored as `daily_check`, and the human table.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../src/pipeline/checks/types.js';
import { addDays, todayIn } from '../../src/util/dates.js';
import { EXAMPLE_DIR, runCli, tempDir } from '../helpers/cli.js';
import { withStore } from '../helpers/sqlite-db.js';
import { check, ok, validateJson } from './validate-fixtures.js';

const DATE = '2026-03-05';
const tmp = tempDir('propgrade-validate-cli-');
const db = join(tmp.dir, 'cli.db');
afterAll(() => tmp.cleanup());
beforeAll(async () => {
  for (const kind of ['actuals', 'predictions'])
    await ok(['ingest', kind, join(EXAMPLE_DIR, `${kind}.csv`), '--db', db]);
  await ok(['grade', '--date', DATE, '--db', db]);
});

describe('validate: the command', () => {
  it('prints {status, from, to, checks: [{name, status, count, details}]} with every check in order', async () => {
    const { code, report } = await validateJson(db, ['--date', DATE]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ status: 'ok', from: DATE, to: DATE });
    expect(report.checks.map((c) => c.name)).toEqual([...CHECK_NAMES]);
    for (const c of report.checks) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['name', 'status', 'count', 'details']),
      );
      expect([c.status, c.count]).toEqual(['ok', 0]);
    }
  });

  it('the default window is the last 7 days ending yesterday in PROPGRADE_TIMEZONE; --days N', async () => {
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const yesterday = addDays(todayIn(tz), -1);
      const week = await validateJson(db, [], { PROPGRADE_TIMEZONE: tz });
      expect([week.report.from, week.report.to]).toEqual([addDays(yesterday, -6), yesterday]);
      const three = await validateJson(db, ['--days', '3', '--tz', tz]);
      expect([three.report.from, three.report.to]).toEqual([addDays(yesterday, -2), yesterday]);
    }
  });

  it.each([
    [['--date', DATE, '--days', '3']],
    [['--days', '0']],
    [['--date', '2026-02-30']],
    [['--days', 'seven']],
  ])('usage errors exit 2: %j', async (args) => {
    const result = await runCli(['validate', ...args, '--db', db]);
    expect(result.code).toBe(2);
  });

  it('a check that throws is critical with the error in its details, never ok', async () => {
    const { code, report } = await validateJson(db, [
      '--date',
      DATE,
      '--lock',
      'redis://127.0.0.1:1',
    ]);
    const health = check(report, 'lock_health');
    expect([code, report.status, health.status]).toEqual([1, 'critical', 'critical']);
    expect(String(health.details.error)).toMatch(/redis|unavailable|ECONNREFUSED/i);
    expect(check(report, 'accuracy_duplicates').status).toBe('ok');
  });

  it('an unreachable store is exit 4, not a verdict', async () => {
    const result = await runCli([
      'validate',
      '--date',
      DATE,
      '--db',
      'postgres://postgres@127.0.0.1:1/none',
      '--json',
    ]);
    expect(result.code).toBe(4);
  });

  it('every run is stored as a daily_check validation with its window, status and checks', async () => {
    const { report } = await validateJson(db, ['--date', DATE]);
    const stored = await withStore(db, (s) => s.listValidations({ kind: 'daily_check', limit: 1 }));
    expect(stored[0]).toMatchObject({
      validationId: report.validationId,
      kind: 'daily_check',
      from: DATE,
      to: DATE,
      status: 'ok',
    });
    expect((stored[0]!.result as { checks: unknown[] }).checks).toHaveLength(CHECK_NAMES.length);
  });

  it('human output: the verdict and a table of the checks', async () => {
    const result = await runCli(['validate', '--date', DATE, '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`validate ${DATE}..${DATE}: OK`);
    for (const name of CHECK_NAMES) expect(result.stdout).toContain(name);
  });
});
