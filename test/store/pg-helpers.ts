/**
 * PostgreSQL helpers for the store tests: the test URL, a reachability probe that fails under
 * CI=true and otherwise skips loudly, private schemas (`contract_pg_<random>`; PostgreSQL reserves the `pg_` prefix) dropped afterwards,
 * and raw SQL for test-only setup.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/index.js';
import { GUARD_INDEX } from '../../src/store/postgres/schema.js';
import type { Store } from '../../src/store/store.js';
import type { StoreFixture } from './contract.js';

/** The shared PostgreSQL of the test environment (SPEC section 8). */
export const TEST_PG_URL =
  process.env.PROPGRADE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * True when PostgreSQL answers; when it does not, throws under CI=true (the run must fail) and
 * otherwise warns loudly so the caller can skip.
 */
export async function requirePostgres(what: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    const message = `PostgreSQL at ${TEST_PG_URL} is not reachable (${String(err)}): ${what} SKIPPED`;
    if (process.env.CI === 'true') throw new Error(`${message}; CI=true makes this a failure`);
    console.warn(`\n!!!!! ${message} — start it as SPEC section 8 says !!!!!\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Run raw SQL on the test database with a short-lived client. */
export async function rawSql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh schema name for one test location. */
export function freshSchemaName(prefix = 'contract_pg'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** The test URL with `?schema=` set. */
export function urlWithSchema(schema: string, base: string = TEST_PG_URL): string {
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** A store fixture on a fresh schema: the Store contract's `makeStore`. */
export async function makePostgresFixture(
  options: PostgresStoreOptions = {},
): Promise<StoreFixture> {
  const schema = freshSchemaName();
  const url = urlWithSchema(schema);
  const stores: Store[] = [createPostgresStore(url, options)];
  return {
    store: stores[0]!,
    openAnother: async () => {
      const another = createPostgresStore(url, options);
      stores.push(another);
      return another;
    },
    dropGuard: async () => {
      await rawSql(`DROP INDEX "${schema}".${GUARD_INDEX};
        UPDATE "${schema}".store_metadata
          SET value = '{"installed":false,"reason":"dropped by a test"}', updated_at = now()
          WHERE key = 'unique_guard'`);
    },
    impostorGuard: async () => {
      await rawSql(`CREATE INDEX ${GUARD_INDEX} ON "${schema}".prediction_accuracy
        (player_lookup, game_id, system_id, line_value)`);
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      await rawSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking). */
export async function unusedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A raw client on the test database (its own session), with errors of a killed session swallowed. */
export async function rawClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
