/**
 * PostgreSQL-only behaviour of the store: URLs and identity, failures that must be
 * UnavailableError with the password redacted, the schema's types, and writers that meet a
 * paused or killed session (terminated with pg_terminate_backend on our own sessions only).
 */
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GradedRow } from '../../src/domain/types.js';
import { exitCodeFor, InputError, LockTimeoutError, UnavailableError } from '../../src/errors.js';
import { writerNamePrefix } from '../../src/store/postgres/fences.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { GUARD_INDEX } from '../../src/store/postgres/schema.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/store/sqlite/schema.js';
import type { Store } from '../../src/store/store.js';
import type { StoreFixture } from './contract.js';
import { gradedRows, newRun, rejectionOf } from './fixtures.js';
import {
  makePostgresFixture,
  rawClient,
  rawSql,
  requirePostgres,
  TEST_PG_URL,
  unusedPort,
} from './pg-helpers.js';

const available = await requirePostgres('the PostgreSQL-specific store tests are');
const title = available
  ? 'PostgreSQL store specifics'
  : 'PostgreSQL store specifics — SKIPPED: PostgreSQL unreachable';

/** A store-mode replace of `date` by a new run. */
async function storeModeWrite(store: Store, date: string, rows: GradedRow[]) {
  const run = await store.insertRun(newRun(date));
  return store.replacePartition({
    gameDate: date,
    runId: run.runId,
    fence: { mode: 'store', runId: run.runId },
    rows,
    performance: [],
    runPatch: { status: 'succeeded' },
  });
}

describe('PostgreSQL store URLs (no server needed)', () => {
  test('identity: database, ?schema (default public), password redacted', () => {
    const store = createPostgresStore(
      'postgres://u:p%40ss@db.example:5433/grades?schema=stage_1&sslmode=disable',
    );
    expect(store.identity).toEqual({
      kind: 'postgres',
      database: 'grades',
      schema: 'stage_1',
      redactedUrl: 'postgres://u:***@db.example:5433/grades?schema=stage_1&sslmode=disable',
    });
    expect(createPostgresStore('postgresql://u@h/db').identity.schema).toBe('public');
    expect(store.capabilities).toEqual({ bulkInsert: 'copy', canTerminatePausedWriter: true });
  });

  test.each(['Upper', 'pg_reserved', 'semi;colon', '1digit'])(
    'schema "%s" is bad input',
    (schema) => {
      expect(() =>
        createPostgresStore(`postgres://u@h/db?schema=${encodeURIComponent(schema)}`),
      ).toThrow(InputError);
    },
  );

  test('a URL that does not parse is bad input and does not echo the password', () => {
    const err = (() => {
      try {
        createPostgresStore('postgres://user:hunter2@[bad/db');
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).not.toContain('hunter2');
  });
});

describe.skipIf(!available)(title, () => {
  describe('unavailable servers', () => {
    test('a port nothing listens on is UnavailableError (exit 4), quickly', async () => {
      const port = await unusedPort();
      const store = createPostgresStore(`postgres://postgres:s3cret-pw@127.0.0.1:${port}/test`);
      const err = await rejectionOf(store.ping());
      await store.close();
      expect(err).toBeInstanceOf(UnavailableError);
      expect(exitCodeFor(err)).toBe(4);
      expect((err as UnavailableError).target).toBe(
        `postgres://postgres:***@127.0.0.1:${port}/test`,
      );
      expect(
        JSON.stringify({ m: (err as Error).message, t: (err as UnavailableError).target }),
      ).not.toContain('s3cret-pw');
    });

    test('a database that does not exist is UnavailableError naming the redacted URL', async () => {
      const url = new URL(TEST_PG_URL);
      url.password = 's3cret-pw';
      url.pathname = '/propgrade_no_such_database';
      const store = createPostgresStore(url.toString());
      const err = await rejectionOf(store.migrate());
      await store.close();
      expect(err).toBeInstanceOf(UnavailableError);
      const message = (err as Error).message;
      expect(message).toContain(
        `${url.protocol}//${url.username}:***@${url.host}/propgrade_no_such_database`,
      );
      expect(message).toMatch(/does not exist/);
      expect(message).not.toContain('s3cret-pw');
    });
  });

  test('a role the server rejects (28000) is UnavailableError without the password', async () => {
    const url = new URL(TEST_PG_URL);
    url.username = 'propgrade_no_such_role';
    url.password = 's3cret-pw';
    const store = createPostgresStore(url.toString());
    const err = await rejectionOf(store.now());
    await store.close();
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toContain('propgrade_no_such_role:***@');
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  describe('schema', () => {
    let fixture: StoreFixture;
    let schema: string;
    beforeAll(async () => {
      fixture = await makePostgresFixture();
      await fixture.store.migrate();
      schema = fixture.store.identity.schema;
    });
    afterAll(() => fixture.cleanup());

    test('tables and columns mirror the SQLite schema exactly', async () => {
      const sqlite = new Database(':memory:');
      for (const m of SQLITE_MIGRATIONS) sqlite.exec(m.sql);
      const tables = sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .pluck()
        .all() as string[];
      const expected = tables.flatMap((t) =>
        (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).map(
          (c) => `${t}.${c}`,
        ),
      );
      sqlite.close();
      const rows = await rawSql<{ c: string }>(
        `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
         WHERE table_schema = $1 AND table_name <> 'schema_migrations'`,
        [schema],
      );
      // alerts.seq is PostgreSQL's insertion order; SQLite uses the table's rowid for it.
      const pgOnly = new Set(['alerts.seq']);
      expect(
        rows
          .map((r) => r.c)
          .filter((c) => !pgOnly.has(c))
          .sort(),
      ).toEqual(expected.sort());
    });

    test('no column is 4-byte real; numbers are double precision', async () => {
      const types = await rawSql<{ data_type: string }>(
        'SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = $1',
        [schema],
      );
      const names = types.map((t) => t.data_type);
      expect(names).not.toContain('real');
      expect(names).toContain('double precision');
    });

    test('the guard and the version key are unique with NULLS NOT DISTINCT', async () => {
      const rows = await rawSql<{ name: string; nnd: boolean; uniq: boolean }>(
        `SELECT c.relname AS name, i.indnullsnotdistinct AS nnd, i.indisunique AS uniq
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relname = ANY($2)`,
        [schema, [GUARD_INDEX, 'predictions_version_key']],
      );
      expect(rows.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { name: GUARD_INDEX, nnd: true, uniq: true },
        { name: 'predictions_version_key', nnd: true, uniq: true },
      ]);
    });
  });

  describe('streams', () => {
    test('a stream left early gives its connection back (a one-connection pool keeps working)', async () => {
      const fixture = await makePostgresFixture({ maxConnections: 1 });
      try {
        await fixture.store.migrate();
        const date = '2032-02-01';
        await storeModeWrite(fixture.store, date, gradedRows(date, 50));
        for await (const batch of fixture.store.streamAccuracy({ from: date, to: date }, 10)) {
          expect(batch).toHaveLength(10);
          break;
        }
        expect((await fixture.store.tableDigest('prediction_accuracy', date)).rows).toBe(50);
        await expect(fixture.store.ping()).resolves.toBeUndefined();
      } finally {
        await fixture.cleanup();
      }
    });
  });

  describe('writers meeting paused and killed sessions', () => {
    let fixture: StoreFixture;
    let store: Store;
    let schema: string;
    let day = 0;
    const nextDate = () => `2032-01-${String(++day).padStart(2, '0')}`;
    beforeAll(async () => {
      fixture = await makePostgresFixture({ fenceLockTimeoutMs: 200, fenceWaitBudgetMs: 1_500 });
      store = fixture.store;
      await store.migrate();
      schema = store.identity.schema;
    });
    afterAll(() => fixture.cleanup());

    async function writeDate(
      date: string,
      fence: { token?: number },
      rows = gradedRows(date, 3),
      checkLease?: () => void,
    ) {
      const run = await store.insertRun(newRun(date));
      return store.replacePartition({
        gameDate: date,
        runId: run.runId,
        fence:
          fence.token === undefined
            ? { mode: 'store', runId: run.runId }
            : { mode: 'lease', token: fence.token, runId: run.runId },
        rows,
        performance: [],
        runPatch: { status: 'succeeded', finishedAt: 'now' },
        checkLease,
      });
    }

    /** A session that claimed the date with `token` and stopped inside its transaction. */
    async function pausedHolder(date: string, token: number | 'store'): Promise<pg.Client> {
      const client = await rawClient();
      await client.query('BEGIN');
      await client.query(`SELECT set_config('application_name', $1, true)`, [
        `${writerNamePrefix(store.identity, 'prediction_accuracy', date)}${token}`,
      ]);
      await client.query(
        `SELECT fence FROM "${schema}".write_fences WHERE resource = 'prediction_accuracy' AND scope = $1 FOR UPDATE`,
        [date],
      );
      await client.query(`DELETE FROM "${schema}".prediction_accuracy WHERE game_date = $1`, [
        date,
      ]);
      return client;
    }

    async function alive(client: pg.Client): Promise<boolean> {
      return client.query('SELECT 1').then(
        () => true,
        () => false,
      );
    }

    test('a newer lease holder terminates a paused older writer and writes', async () => {
      const date = nextDate();
      await writeDate(date, { token: 1 });
      const paused = await pausedHolder(date, 2);
      const result = await writeDate(date, { token: 3 }, gradedRows(date, 5));
      expect(result).toMatchObject({ fenceToken: 3, rowsDeleted: 3, rowsWritten: 5 });
      expect(await alive(paused)).toBe(false);
      await paused.end().catch(() => undefined);
      expect((await store.tableDigest('prediction_accuracy', date)).rows).toBe(5);
    });

    test('a holder with a newer token, or a store-mode writer, is never terminated: the wait times out (exit 3)', async () => {
      const date = nextDate();
      await writeDate(date, { token: 1 });
      for (const [holderToken, writer] of [
        [5, { token: 4 }],
        ['store', {}],
      ] as const) {
        const paused = await pausedHolder(date, holderToken);
        const err = await rejectionOf(writeDate(date, writer));
        expect(err).toBeInstanceOf(LockTimeoutError);
        expect(exitCodeFor(err)).toBe(3);
        expect(await alive(paused)).toBe(true);
        await paused.query('ROLLBACK');
        await paused.end();
      }
      expect((await store.tableDigest('prediction_accuracy', date)).rows).toBe(3);
    });

    test('two writers of one date at once from two pools commit one after the other, no duplicates', async () => {
      const roomy = await makePostgresFixture();
      try {
        await roomy.store.migrate();
        const date = nextDate();
        const pools = [roomy.store, await roomy.openAnother()];
        const results = await Promise.all(
          pools.map((s, i) =>
            storeModeWrite(s, date, gradedRows(date, 30_000 - i * 10_000, `sys_${i}`)),
          ),
        );
        expect(results.map((r) => r.fenceToken).sort()).toEqual([1, 2]);
        const [first, last] = results[0]!.fenceToken === 1 ? results : [results[1]!, results[0]!];
        expect(last!.rowsDeleted).toBe(first!.rowsWritten);
        expect((await roomy.store.tableDigest('prediction_accuracy', date)).rows).toBe(
          last!.rowsWritten,
        );
        expect((await roomy.store.duplicateSummary({ from: date, to: date })).duplicateKeys).toBe(
          0,
        );
      } finally {
        await roomy.cleanup();
      }
    });

    test('a session terminated mid-write is UnavailableError and the date is unchanged', async () => {
      const date = nextDate();
      await writeDate(date, { token: 1 });
      const before = await store.tableDigest('prediction_accuracy', date);
      const prefix = writerNamePrefix(store.identity, 'prediction_accuracy', date);
      const killWriter = () => {
        execFileSync('psql', [
          TEST_PG_URL,
          '-Atc',
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND starts_with(application_name, '${prefix}')`,
        ]);
      };
      const err = await rejectionOf(
        writeDate(date, { token: 2 }, gradedRows(date, 25_000), killWriter),
      );
      expect(err).toBeInstanceOf(UnavailableError);
      expect(exitCodeFor(err)).toBe(4);
      expect(await store.tableDigest('prediction_accuracy', date)).toEqual(before);
      expect(await store.readFence('prediction_accuracy', date)).toMatchObject({ fence: 1 });
    });
  });
});
