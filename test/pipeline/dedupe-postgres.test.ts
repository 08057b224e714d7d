/**
 * The cleanup on PostgreSQL through the CLI (leases on the PostgreSQL lock backend): the same
 * duplicated table as on SQLite gives the same report; a dedupe killed mid-delete leaves the old
 * table and an intact backup; a dedupe cleans and installs the NULLS NOT DISTINCT guard; grading
 * works; a restore (forced over that grading) puts the original rows back and drops the guard.
 * Unreachable PostgreSQL fails under CI=true, else skips loudly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccuracyReport } from '../../src/pipeline/accuracy.js';
import type { DedupeReport } from '../../src/pipeline/dedupe.js';
import type { InvestigationReport } from '../../src/pipeline/report-investigate.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { GUARD_INDEX } from '../../src/store/postgres/schema.js';
import type { BackupInfo, TableDigest } from '../../src/store/store.js';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { freshSchemaName, rawSql, requirePostgres, urlWithSchema } from '../store/pg-helpers.js';
import { cliOk, D1, duplicatedTable } from './dedupe-fixture.js';

const available = await requirePostgres('the PostgreSQL cleanup tests are');
const TTL = ['--lock-ttl', '1500'];

describe.skipIf(!available)(
  available ? 'cleanup on PostgreSQL' : 'cleanup on PostgreSQL — SKIPPED: PostgreSQL unreachable',
  () => {
    const tmp = tempDir('propgrade-cleanup-pg-');
    const schema = freshSchemaName('cleanup_pg');
    const db = urlWithSchema(schema);
    const json = async <T>(...args: string[]) =>
      jsonOf<T>(await cliOk(db, ...args, ...TTL, '--json'));
    const digest = async (): Promise<TableDigest> => {
      const store = createPostgresStore(db);
      try {
        return await store.tableDigest('prediction_accuracy');
      } finally {
        await store.close();
      }
    };
    const guardIndexes = async () =>
      (
        await rawSql('SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2', [
          schema,
          GUARD_INDEX,
        ])
      ).length;
    let original: TableDigest;
    let before: InvestigationReport;

    beforeAll(async () => {
      await duplicatedTable(tmp.dir, db);
      original = await digest();
      before = await json<InvestigationReport>('report');
    }, 120_000);
    afterAll(async () => {
      await rawSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      tmp.cleanup();
    });

    it('reports the same figures as on SQLite', () => {
      expect(before.totals).toMatchObject({
        rows: 38,
        uniqueKeys: 19,
        duplicateRows: 19,
        duplicateKeys: 18,
      });
      expect(before.causes).toMatchObject({
        concurrentRuns: 8,
        sameRun: 8,
        unknown: 2,
        lineMovement: 0,
      });
    });

    it('a dedupe killed mid-delete leaves the old table and an intact backup', async () => {
      const result = await runCli(['dedupe', '--db', db, ...TTL], {
        env: { PROPGRADE_FAILPOINTS: 'dedupe-mid-delete=crash' },
      });
      expect(result.signal, result.stderr).toBe('SIGKILL');
      expect(await digest()).toEqual(original);
      const { backups } = await json<{ backups: BackupInfo[] }>('backups');
      expect(backups.map((b) => b.rows)).toEqual([38]);
      const [count] = await rawSql<{ n: string }>(
        `SELECT COUNT(*) AS n FROM "${schema}".${backups[0]!.table}`,
      );
      expect(Number(count!.n)).toBe(38);
    });

    it('cleans, installs the guard, keeps the rows the report promised; grading works', async () => {
      const cleaned = await json<DedupeReport>('dedupe');
      expect(cleaned).toMatchObject({
        removed: 19,
        after: { rows: 19, uniqueKeys: 19 },
        guardInstalled: true,
      });
      expect(await guardIndexes()).toBe(1);
      const accuracy = await json<AccuracyReport>('accuracy');
      expect(accuracy.systems.map((s) => [s.systemId, s.graded, s.correct])).toEqual(
        before.accuracy.map((a) => [
          a.systemId,
          a.withoutDuplicates.graded,
          a.withoutDuplicates.correct,
        ]),
      );
      expect(await json<{ status: string }>('grade', '--date', D1)).toMatchObject({
        status: 'succeeded',
      });
      const refused = await runCli(['restore', '--backup', cleaned.backupTable!, '--db', db]);
      expect(refused.code).toBe(2);
      const restored = await json<{ rowsRestored: number; guardDropped: boolean }>(
        'restore',
        '--backup',
        cleaned.backupTable!,
        '--force',
      );
      expect(restored).toEqual(expect.objectContaining({ rowsRestored: 38, guardDropped: true }));
      expect(await digest()).toEqual(original);
      expect(await guardIndexes()).toBe(0);
    });
  },
);
