/**
 * Crashes in the cleanup paths (SQLite, failpoints that kill the process with SIGKILL): a dedupe
 * that dies after its backup, in the middle of its deletes or just before its commit leaves the
 * old table and an intact backup; a restore that dies mid-insert or before its commit leaves the
 * cleaned table. The next command waits out the dead holder's short lease and succeeds.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DedupeReport } from '../../src/pipeline/dedupe.js';
import type { BackupInfo } from '../../src/store/store.js';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { digestAll } from '../helpers/sqlite-db.js';
import { cliOk, duplicatedTable } from './dedupe-fixture.js';

const TTL = ['--lock-ttl', '1500'];

/** Rows of a table (all, or those of some dates) as sorted canonical text. */
function tableRows(file: string, table: string, dates?: string[]): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const where = dates ? `WHERE game_date IN (${dates.map(() => '?').join(', ')})` : '';
    const rows = db.prepare(`SELECT * FROM ${table} ${where}`).all(...(dates ?? []));
    return rows.map((r) => JSON.stringify(r)).sort();
  } finally {
    db.close();
  }
}

describe('crashes in dedupe and restore on SQLite', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'crash.db');
  let original: Awaited<ReturnType<typeof digestAll>>;

  const crashed = async (command: string[], point: string) => {
    const result = await runCli([...command, '--db', db, ...TTL, '--json'], {
      env: { PROPGRADE_FAILPOINTS: `${point}=crash` },
    });
    expect(result.signal, `${point}: ${result.stderr}`).toBe('SIGKILL');
  };
  const backups = async () =>
    jsonOf<{ backups: BackupInfo[] }>(await cliOk(db, 'backups', '--json')).backups;

  beforeAll(async () => {
    await duplicatedTable(tmp.dir, db);
    original = await digestAll(db);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it.each(['dedupe-after-backup', 'dedupe-mid-delete', 'dedupe-before-commit'])(
    'a dedupe killed at %s leaves the old table and an intact backup',
    async (point) => {
      const known = (await backups()).length;
      await crashed(['dedupe'], point);
      expect(await digestAll(db)).toEqual({ ...original, grading_runs: expect.anything() });
      const all = await backups();
      expect(all).toHaveLength(known + 1);
      const backup = all[0]!;
      expect(backup.rows).toBe(original.prediction_accuracy!.rows);
      expect(tableRows(db, backup.table)).toEqual(
        tableRows(db, 'prediction_accuracy', backup.dates),
      );
    },
  );

  it('control: the same dedupe without a failpoint cleans (so the comparisons above can fail)', async () => {
    const report = jsonOf<DedupeReport>(await cliOk(db, 'dedupe', ...TTL, '--json'));
    expect(report).toMatchObject({ removed: 19, guardInstalled: true });
    expect(await digestAll(db)).not.toEqual(original);
  });

  it.each(['restore-mid-insert', 'restore-before-commit'])(
    'a restore killed at %s leaves the cleaned table',
    async (point) => {
      const cleaned = await digestAll(db);
      const [latest] = await backups();
      await crashed(['restore', '--backup', latest!.table], point);
      expect((await digestAll(db)).prediction_accuracy).toEqual(cleaned.prediction_accuracy);
      const restored = await cliOk(db, 'restore', '--backup', latest!.table, ...TTL, '--json');
      expect(jsonOf(restored)).toMatchObject({ rowsRestored: original.prediction_accuracy!.rows });
      expect((await digestAll(db)).prediction_accuracy).toEqual(original.prediction_accuracy);
      await cliOk(db, 'dedupe', ...TTL);
    },
  );
});
