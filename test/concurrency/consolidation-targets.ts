/**
 * Test targets for consolidation tests on both backends: a fresh SQLite file or a fresh
 * PostgreSQL schema, its `--db` value for the CLI, a migrated Store, test-only raw SQL, and the
 * predictions table as comparable content. PostgreSQL targets are offered only when it answers
 * (under CI=true an unreachable PostgreSQL fails the run, see pg-helpers).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { IsoDate, StoredPrediction } from '../../src/domain/types.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/cli.js';
import {
  freshSchemaName,
  rawSql,
  requirePostgres,
  TEST_PG_URL,
  urlWithSchema,
} from '../store/pg-helpers.js';

export const BACKEND_KINDS = ['sqlite', 'postgres'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** The backends reachable now (PostgreSQL skipped loudly when absent, failing under CI=true). */
export async function availableBackends(what: string): Promise<BackendKind[]> {
  return (await requirePostgres(what)) ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh database for one test. */
export interface Target {
  kind: BackendKind;
  /** The `--db` value. */
  db: string;
  /** The location for a test-only SQL client: a SQLite file, or the PostgreSQL schema. */
  location: string;
  /** Test-only SQL (no parameters): rows of the last statement. */
  sql(statement: string): Promise<Record<string, unknown>[]>;
  /** A migrated store on the target, closed after `fn`. */
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const tmp = tempDir('propgrade-consolidation-');
  const file = join(tmp.dir, 'store.db');
  return {
    kind: 'sqlite',
    db: file,
    location: file,
    sql: async (statement) => {
      const db = new Database(file);
      try {
        const stmt = db.prepare(statement);
        if (stmt.reader) return stmt.all() as Record<string, unknown>[];
        stmt.run();
        return [];
      } finally {
        db.close();
      }
    },
    withStore: (fn) => withOpenStore(file, fn),
    cleanup: async () => tmp.cleanup(),
  };
}

function postgresTarget(): Target {
  const schema = freshSchemaName('consolidation');
  const url = urlWithSchema(schema);
  return {
    kind: 'postgres',
    db: url,
    location: schema,
    sql: async (statement) => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`SET search_path TO "${schema}"`);
        return (await client.query(statement)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    withStore: (fn) => withOpenStore(url, fn),
    cleanup: async () => void (await rawSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)),
  };
}

async function withOpenStore<T>(db: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A fresh, migrated target of the given kind. */
export async function makeTarget(kind: BackendKind): Promise<Target> {
  const target = kind === 'sqlite' ? sqliteTarget() : postgresTarget();
  await target.withStore(async () => undefined);
  return target;
}

/**
 * Every version of the dates with every column except `batch_id` and `first_seen_at` (which
 * record which batch delivered a version first, and when: they legitimately differ between two
 * runs), one JSON text per version, sorted.
 */
export async function predictionsContent(
  store: Store,
  dates: readonly IsoDate[],
): Promise<string[]> {
  const out: string[] = [];
  for (const date of dates) {
    for await (const batch of store.streamPredictions(date)) {
      for (const { batchId, firstSeenAt, ...rest } of batch as StoredPrediction[])
        out.push(JSON.stringify(rest));
    }
  }
  return out.sort();
}

/** The active version ids per triple key, for readable failure messages. */
export function activeByTriple(content: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const text of content) {
    const v = JSON.parse(text) as StoredPrediction;
    if (!v.isActive) continue;
    const key = `${v.playerLookup}|${v.gameId}|${v.systemId}`;
    out.set(key, [...(out.get(key) ?? []), v.predictionId]);
  }
  return out;
}
