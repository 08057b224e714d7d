/**
 * `backfill --stale` after an input change committed while a grading ran: the grading read its
 * snapshot before the change, so the date is stale even though the run finished after the change.
 * PostgreSQL only (on SQLite the grader's write transaction blocks the ingest until it commits).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, startCli, tempDir } from '../helpers/cli.js';
import { freshSchemaName, rawSql, requirePostgres, urlWithSchema } from '../store/pg-helpers.js';
import { ok } from './validate-fixtures.js';

const DATE = '2026-03-05';
const available = await requirePostgres('the PostgreSQL staleness test is');

async function arrived(barrier: string): Promise<void> {
  const prefix = `${basename(barrier)}.arrived.`;
  for (let i = 0; i < 3000; i++) {
    if (readdirSync(dirname(barrier)).some((f) => f.startsWith(prefix))) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no grader reached ${barrier}`);
}

/** One example prediction again, as a newer version with another prediction. */
function newerVersion(dir: string): string {
  const [header, first] = readFileSync(join(EXAMPLE_DIR, 'predictions.csv'), 'utf8').split('\n');
  const fields = first!.split(',');
  fields[5] = '31.0';
  fields[9] = '2026-03-05T18:00:00Z';
  const file = join(dir, 'newer.csv');
  writeFileSync(file, `${header}\n${fields.join(',')}\n`);
  return file;
}

describe.skipIf(!available)(
  available
    ? 'staleness on PostgreSQL'
    : 'staleness on PostgreSQL — SKIPPED: PostgreSQL unreachable',
  () => {
    const tmp = tempDir('propgrade-stale-pg-');
    const schema = freshSchemaName('stale_pg');
    const db = urlWithSchema(schema);
    /** `backfill --stale` of DATE; its summary. */
    const staleBackfill = async () => {
      const args = ['backfill', '--from', DATE, '--to', DATE, '--stale', '--json', '--db', db];
      return JSON.parse((await ok(args)).stdout).summary as Record<string, number>;
    };
    afterAll(async () => {
      await rawSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      tmp.cleanup();
    });

    it('a change committed during a grading makes the date stale; backfill --stale grades it', async () => {
      for (const kind of ['actuals', 'predictions'])
        await ok(['ingest', kind, join(EXAMPLE_DIR, `${kind}.csv`), '--db', db]);
      const barrier = join(tmp.dir, 'graded.go');
      const grading = startCli(['grade', '--date', DATE, '--db', db], {
        env: { PROPGRADE_FAILPOINTS: `after-delete=barrier:${barrier}` },
      });
      await arrived(barrier);
      await ok(['ingest', 'predictions', newerVersion(tmp.dir), '--db', db]);
      writeFileSync(barrier, '');
      expect((await grading.done).code).toBe(0);
      expect(existsSync(barrier)).toBe(true);

      const [run] = await rawSql<{ started_at: Date; finished_at: Date }>(
        `SELECT started_at, finished_at FROM "${schema}".grading_runs WHERE status = 'succeeded'`,
      );
      const [change] = await rawSql<{ latest: Date }>(
        `SELECT max(first_seen_at) AS latest FROM "${schema}".predictions WHERE game_date = $1`,
        [DATE],
      );
      // Control: by the run's finish the date would look current; by its start it is stale.
      expect(run!.finished_at.getTime()).toBeGreaterThan(change!.latest.getTime());
      expect(run!.started_at.getTime()).toBeLessThan(change!.latest.getTime());
      expect(await staleBackfill()).toMatchObject({ succeeded: 1, skipped: 0 });
      expect(await staleBackfill()).toMatchObject({ succeeded: 0, skipped: 1 });
    });
  },
);
