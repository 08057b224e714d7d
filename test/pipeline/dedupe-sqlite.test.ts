/**
 * `dedupe`, `backups` and `restore` through the CLI on SQLite, on a table whose duplicates were
 * made by real commands: a dry run changes nothing; a cleanup backs the dates up (count
 * verified), leaves rows = unique keys, installs the guard, keeps exactly the rows the report
 * counted "without duplicates", and grading works after it; a restore puts the original rows back.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccuracyReport } from '../../src/pipeline/accuracy.js';
import type { DedupeReport } from '../../src/pipeline/dedupe.js';
import type { InvestigationReport } from '../../src/pipeline/report-investigate.js';
import type { RestoreReport } from '../../src/pipeline/restore.js';
import { BACKUP_TABLE_PATTERN, type BackupInfo } from '../../src/store/store.js';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { accuracyRows, digestAll, withStore } from '../helpers/sqlite-db.js';
import { cliOk, D1, D2, D3, duplicatedTable } from './dedupe-fixture.js';

describe('dedupe, backups and restore on SQLite', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'dedupe.db');
  const json = async <T>(...args: string[]) => jsonOf<T>(await cliOk(db, ...args, '--json'));
  let original: Awaited<ReturnType<typeof digestAll>>;
  let before: InvestigationReport;
  let cleaned: DedupeReport;

  beforeAll(async () => {
    await duplicatedTable(tmp.dir, db);
    original = await digestAll(db);
    before = await json<InvestigationReport>('report');
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('the table holds the duplicates the fixture made', () => {
    expect(before.totals).toMatchObject({
      rows: 38,
      uniqueKeys: 19,
      duplicateRows: 19,
      duplicateKeys: 18,
    });
    expect(before.causes).toMatchObject({ concurrentRuns: 8, sameRun: 8, unknown: 2 });
  });

  it('a dry run plans and changes nothing', async () => {
    const plan = await json<DedupeReport>('dedupe', '--dry-run');
    expect(plan).toMatchObject({
      dryRun: true,
      keep: 'earliest',
      before: { rows: 38, uniqueKeys: 19 },
      after: { rows: 19, uniqueKeys: 19 },
      removed: 19,
      backupTable: null,
      guardInstalled: true,
      datesRecomputed: [D1, D2, D3],
    });
    expect(await digestAll(db)).toEqual(original);
  });

  it('cleans: backup of the dates (count verified), rows = unique keys, guard installed, logged', async () => {
    cleaned = await json<DedupeReport>('dedupe');
    expect(cleaned).toMatchObject({
      dryRun: false,
      before: { rows: 38, uniqueKeys: 19 },
      after: { rows: 19, uniqueKeys: 19 },
      removed: 19,
      guardInstalled: true,
      datesRecomputed: [D1, D2, D3],
    });
    expect(cleaned.backupTable).toMatch(BACKUP_TABLE_PATTERN);
    const { backups } = await json<{ backups: BackupInfo[] }>('backups');
    expect(backups.map((b) => [b.table, b.rows, b.dates])).toEqual([
      [cleaned.backupTable, 38, [D1, D2, D3]],
    ]);
    await withStore(db, async (s) => {
      expect((await s.guardState()).installed).toBe(true);
      const actions = (await s.listMaintenance()).map((e) => e.action);
      expect(actions.slice(-3)).toEqual(['backup_created', 'guard_installed', 'dedupe']);
      const perf = await s.readPerformance({ from: D1, to: D3 });
      expect(perf.reduce((sum, p) => sum + p.predictions, 0)).toBe(19);
    });
    const after = await json<InvestigationReport>('report');
    expect(after.totals).toMatchObject({ rows: 19, duplicateRows: 0, duplicateKeys: 0 });
  });

  it('keeps exactly the rows the report counted without duplicates (earliest graded_at per key)', async () => {
    const accuracy = await json<AccuracyReport>('accuracy');
    const kept = accuracy.systems.map((s) => [s.systemId, s.graded, s.correct]);
    const promised = before.accuracy.map((a) => [
      a.systemId,
      a.withoutDuplicates.graded,
      a.withoutDuplicates.correct,
    ]);
    expect(kept).toEqual(promised);
    const flip = (await accuracyRows(db, D3)).find((r) => r.playerLookup === 'flip');
    expect(flip).toMatchObject({ gradedAt: '2026-02-04T08:00:00.000Z', predictionCorrect: true });
  });

  it('restore puts the original rows back and drops the guard they need', async () => {
    const restored = await json<RestoreReport>('restore', '--backup', cleaned.backupTable!);
    expect(restored).toMatchObject({
      rowsRestored: 38,
      rowsReplaced: 19,
      guardDropped: true,
      forced: false,
    });
    const now = await digestAll(db);
    expect(now.prediction_accuracy).toEqual(original.prediction_accuracy);
    expect(await withStore(db, (s) => s.guardState())).toMatchObject({ installed: false });
  });

  it('after a second cleanup grading works; a restore over that grading needs --force', async () => {
    const second = await json<DedupeReport>('dedupe');
    expect(second.backupTable).not.toBe(cleaned.backupTable);
    const grade = await json<{ status: string; duplicateKeys: number }>('grade', '--date', D1);
    expect(grade).toMatchObject({ status: 'succeeded', duplicateKeys: 0 });
    const deduped = await digestAll(db);
    const refused = await runCli(['restore', '--backup', second.backupTable!, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/graded after the backup .* use --force/s);
    expect(await digestAll(db)).toEqual(deduped);
    const forced = await json<RestoreReport>('restore', '--backup', second.backupTable!, '--force');
    expect(forced).toMatchObject({ forced: true, rowsRestored: 38 });
    expect(forced.gradedAfterBackup.map((g) => g.gameDate)).toEqual([D1]);
    expect((await digestAll(db)).prediction_accuracy).toEqual(original.prediction_accuracy);
  });

  it('a range cleans only its dates; the guard waits for the whole table', async () => {
    const partial = await json<DedupeReport>(
      'dedupe',
      '--from',
      D2,
      '--to',
      D2,
      '--keep',
      'latest',
    );
    expect(partial).toMatchObject({ removed: 8, guardInstalled: false, datesRecomputed: [D2] });
    const rest = await json<DedupeReport>('dedupe', '--keep', 'latest');
    expect(rest).toMatchObject({ removed: 11, guardInstalled: true, datesRecomputed: [D1, D3] });
    const flip = (await accuracyRows(db, D3)).find((r) => r.playerLookup === 'flip');
    expect(flip).toMatchObject({ gradedAt: '2026-02-04T10:00:00.000Z', predictionCorrect: false });
    const clean = await json<DedupeReport>('dedupe');
    expect(clean).toMatchObject({
      removed: 0,
      backupTable: null,
      guardInstalled: true,
      datesRecomputed: [],
    });
  });

  it('backups prune keeps the newest; names are validated before any SQL', async () => {
    const { backups } = await json<{ backups: BackupInfo[] }>('backups');
    expect(backups.length).toBeGreaterThanOrEqual(4);
    const pruned = await json<{ kept: string[]; dropped: string[] }>(
      'backups',
      'prune',
      '--keep',
      '1',
    );
    expect(pruned.kept).toEqual([backups[0]!.table]);
    expect(pruned.dropped).toEqual(backups.slice(1).map((b) => b.table));
    for (const name of [
      'prediction_accuracy',
      'x; DROP TABLE prediction_accuracy',
      backups[1]!.table,
    ]) {
      const result = await runCli(['restore', '--backup', name, '--db', db]);
      expect(result.code, name).toBe(2);
    }
    expect((await digestAll(db)).prediction_accuracy!.rows).toBe(19);
  });
});
