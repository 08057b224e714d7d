/**
 * `backfill --concurrency N` grades in worker threads: through the CLI (built dist), on SQLite
 * and PostgreSQL, it writes exactly the accuracy table and report a sequential backfill does,
 * and a refused date's exit code (2) comes back from its worker as the backfill's exit code.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackfillReport } from '../../src/pipeline/backfill.js';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { freshSchemaName, rawSql, requirePostgres, urlWithSchema } from '../store/pg-helpers.js';
import {
  comparable,
  DATES,
  EMPTY_DATE,
  gradedRows,
  ingestSlate,
} from './backfill-threads-fixture.js';

const pgUp = await requirePostgres('parallel backfill on PostgreSQL');

async function backfill(db: string, concurrency: number) {
  const result = await runCli([
    'backfill',
    '--from',
    EMPTY_DATE,
    '--to',
    DATES.at(-1)!,
    '--concurrency',
    String(concurrency),
    '--db',
    db,
    '--json',
    '--log-level',
    'debug',
  ]);
  return { result, report: jsonOf<BackfillReport>(result) };
}

/** Grade one store sequentially and one with 3 threads; both must agree in every row. */
async function compareSequentialAndThreads(sequentialDb: string, threadedDb: string) {
  const sequential = await backfill(sequentialDb, 1);
  const threaded = await backfill(threadedDb, 3);
  expect(sequential.result.stderr).not.toContain('backfill grades in worker threads');
  expect(threaded.result.stderr).toContain('backfill grades in worker threads');
  expect(threaded.result.code, threaded.result.stderr).toBe(2);
  expect(sequential.result.code, sequential.result.stderr).toBe(2);
  expect(threaded.report.dates.map((d) => d.gameDate)).toEqual([EMPTY_DATE, ...DATES]);
  expect(threaded.report.dates[0]).toMatchObject({
    status: 'refused_coverage',
    error: { code: 2 },
  });
  expect(threaded.report.summary).toEqual({ succeeded: 5, failed: 0, refused: 1, skipped: 0 });
  expect(comparable(threaded.report)).toEqual(comparable(sequential.report));
  const rows = await gradedRows(threadedDb);
  expect(rows).toHaveLength(DATES.length * 600);
  expect(rows).toEqual(await gradedRows(sequentialDb));
}

describe('parallel backfill on SQLite', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('writes the same table and report with 3 worker threads as sequentially', {
    timeout: 300_000,
  }, async () => {
    const [a, b] = [join(tmp.dir, 'sequential.db'), join(tmp.dir, 'threads.db')];
    await ingestSlate(a, tmp.dir);
    await ingestSlate(b, tmp.dir);
    await compareSequentialAndThreads(`sqlite:${a}`, `sqlite:${b}`);
  });
});

describe.skipIf(!pgUp)('parallel backfill on PostgreSQL', () => {
  const tmp = tempDir();
  const schemas = [freshSchemaName('backfill_seq'), freshSchemaName('backfill_thr')];
  afterAll(async () => {
    tmp.cleanup();
    for (const s of schemas) await rawSql(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  });

  it('writes the same table and report with 3 worker threads as sequentially', {
    timeout: 300_000,
  }, async () => {
    const [a, b] = schemas.map((s) => urlWithSchema(s)) as [string, string];
    await ingestSlate(a, tmp.dir);
    await ingestSlate(b, tmp.dir);
    await compareSequentialAndThreads(a, b);
  });
});
