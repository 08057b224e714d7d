/**
 * Direct access to a bench store, outside propgrade, for the untimed chores between runs:
 * emptying graded partitions, and reading a date's graded rows back for the floors.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

/** The two stores benchmarked. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/** A store the bench set up through the CLI. */
export interface BenchStore {
  backend: Backend;
  /** `sqlite:<file>` or `postgres://…?schema=…` as given to `--db`. */
  dbUrl: string;
  /** The SQLite file (sqlite only). */
  file: string | null;
  /** The PostgreSQL schema (postgres only). */
  schema: string | null;
}

/** Open a SQLite file as the store's own connection does (WAL, synchronous NORMAL). */
export function openSqlite(file: string): Database.Database {
  const db = new Database(file, { timeout: 60_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** A connected client whose search_path is the store's schema. */
export async function pgConnect(store: BenchStore): Promise<pg.Client> {
  const url = new URL(store.dbUrl);
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  await client.query(`SET search_path TO ${store.schema}`);
  return client;
}

/** Run `fn` with a client on the store's schema, closing it afterwards. */
export async function withPg<T>(store: BenchStore, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await pgConnect(store);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const CLEAR_TABLES = ['prediction_accuracy', 'system_daily_performance'] as const;

/**
 * Empty the graded partitions of dates `from`..`to` (graded rows and performance), leaving the
 * store as a fresh first grading of those dates finds it: PostgreSQL is vacuumed so that no dead
 * rows remain, SQLite's WAL is checkpointed.
 */
export async function clearGraded(store: BenchStore, from: string, to: string): Promise<void> {
  if (store.backend === 'sqlite') {
    const db = openSqlite(store.file!);
    try {
      for (const table of CLEAR_TABLES) {
        db.prepare(`DELETE FROM ${table} WHERE game_date BETWEEN ? AND ?`).run(from, to);
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    return;
  }
  await withPg(store, async (client) => {
    for (const table of CLEAR_TABLES) {
      await client.query(`DELETE FROM ${table} WHERE game_date BETWEEN $1 AND $2`, [from, to]);
    }
    await client.query(`VACUUM ${CLEAR_TABLES.join(', ')}`);
  });
}

/** Count the graded rows of a date (a sanity check after a timed run). */
export async function gradedRows(store: BenchStore, date: string): Promise<number> {
  const sql = 'SELECT count(*) AS n FROM prediction_accuracy WHERE game_date = ';
  if (store.backend === 'sqlite') {
    const db = openSqlite(store.file!);
    try {
      return Number((db.prepare(`${sql}?`).get(date) as { n: number }).n);
    } finally {
      db.close();
    }
  }
  return withPg(store, async (c) => Number((await c.query(`${sql}$1`, [date])).rows[0].n));
}
