/**
 * validate's duplicate checks fire through real commands and clear after a real change:
 * accuracy_duplicates (graded rows re-imported with `import accuracy --drop-guard`, cleaned by
 * a regrade), unique_guard (dropped, reinstalled by `dedupe`), prediction_duplicates (a second
 * active version written around propgrade, fixed by the next ingest into that game).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, tempDir } from '../helpers/cli.js';
import { dropSqliteGuard } from '../helpers/guard.js';
import { check, ok, validateJson } from './validate-fixtures.js';
import { activateSupersededVersion, csvSlice } from './validate-live-tables.js';

const DATE = '2026-03-05';

describe('validate: duplicates on SQLite', () => {
  const tmp = tempDir('propgrade-validate-dup-');
  const db = join(tmp.dir, 'dup.db');
  const exported = join(tmp.dir, 'graded.csv');
  beforeAll(async () => {
    for (const kind of ['actuals', 'predictions'])
      await ok(['ingest', kind, join(EXAMPLE_DIR, `${kind}.csv`), '--db', db]);
    await ok(['grade', '--date', DATE, '--db', db]);
    writeFileSync(
      exported,
      (await ok(['export', 'accuracy', '--from', DATE, '--to', DATE, '--db', db])).stdout,
    );
  });
  afterAll(() => tmp.cleanup());

  it('accuracy_duplicates: ok, then critical with the top keys after a re-import, ok after a regrade', async () => {
    const before = await validateJson(db, ['--date', DATE]);
    expect([before.code, check(before.report, 'accuracy_duplicates').status]).toEqual([0, 'ok']);
    dropSqliteGuard(db);
    await ok([
      'import',
      'accuracy',
      csvSlice(exported, join(tmp.dir, 'two.csv'), 0, 2),
      '--drop-guard',
      '--db',
      db,
    ]);
    const dup = await validateJson(db, ['--date', DATE]);
    const found = check(dup.report, 'accuracy_duplicates');
    expect([dup.code, dup.report.status, found.status, found.count]).toEqual([
      1,
      'critical',
      'critical',
      2,
    ]);
    const top = found.details.top as {
      count: number;
      gradedAt: string[];
      runIds: (string | null)[];
    }[];
    expect(top.map((k) => k.count)).toEqual([2, 2]);
    expect(top.every((k) => k.gradedAt.length === 2 && k.runIds.length === 2)).toBe(true);
    expect(found.nextCommand).toBe(`propgrade dedupe --from ${DATE} --to ${DATE}`);
    await ok(['grade', '--date', DATE, '--db', db]);
    const after = await validateJson(db, ['--date', DATE]);
    expect(check(after.report, 'accuracy_duplicates')).toMatchObject({ status: 'ok', count: 0 });
  });

  it('unique_guard: a dropped guard warns (exit 0, 1 with --strict); dedupe reinstalls it', async () => {
    dropSqliteGuard(db);
    const dropped = await validateJson(db, ['--date', DATE]);
    expect(check(dropped.report, 'unique_guard')).toMatchObject({
      status: 'warning',
      count: 1,
      nextCommand: 'propgrade dedupe',
    });
    expect([dropped.code, dropped.report.status]).toEqual([0, 'warning']);
    expect((await validateJson(db, ['--date', DATE, '--strict'])).code).toBe(1);
    await ok(['dedupe', '--db', db]);
    const reinstalled = await validateJson(db, ['--date', DATE, '--strict']);
    expect(check(reinstalled.report, 'unique_guard')).toMatchObject({ status: 'ok', count: 0 });
    expect([reinstalled.code, reinstalled.report.status]).toEqual([0, 'ok']);
  });

  it('prediction_duplicates: a second active version is critical; an ingest into the game recomputes is_active', async () => {
    const extra = activateSupersededVersion(db, DATE);
    const broken = await validateJson(db, ['--date', DATE]);
    const found = check(broken.report, 'prediction_duplicates');
    expect([broken.code, found.status, found.count]).toEqual([1, 'critical', 1]);
    expect((found.details.top as { predictionIds: string[] }[])[0]!.predictionIds).toContain(extra);
    const newer = join(tmp.dir, 'newer.csv');
    writeFileSync(
      newer,
      'system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,created_at\n' +
        `sys_a,jaysontatum,20260305_BOS_NYK,${DATE},27.5,31,OVER,${DATE}T17:00:00Z\n`,
    );
    await ok(['ingest', 'predictions', newer, '--db', db]);
    const fixed = await validateJson(db, ['--date', DATE]);
    expect(check(fixed.report, 'prediction_duplicates')).toMatchObject({ status: 'ok', count: 0 });
  });
});
