/** The three deployments the race tests run against: all-SQLite, all-PostgreSQL, PostgreSQL + Redis locks. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { GUARD_INDEX as PG_GUARD } from '../../src/store/postgres/schema.js';
import { tempDir } from '../helpers/cli.js';
import { dropSqliteGuard } from '../helpers/guard.js';
import { rawSql, TEST_PG_URL, urlWithSchema } from '../store/pg-helpers.js';
import type { RaceTarget } from './harness.js';

export const TEST_REDIS_URL = process.env.PROPGRADE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Target extends RaceTarget {
  dropGuard(): Promise<void>;
  cleanup(): Promise<void>;
}

/** A fresh SQLite database file with its `.locks` file. */
export function sqliteTarget(): Target {
  const tmp = tempDir('propgrade-race-');
  const file = join(tmp.dir, 'race.db');
  return {
    dir: tmp.dir,
    dbUrl: `sqlite:${file}`,
    lockUrl: `sqlite:${file}.locks`,
    env: {},
    dropGuard: async () => dropSqliteGuard(file),
    cleanup: async () => tmp.cleanup(),
  };
}

/** A fresh PostgreSQL schema; locks in PostgreSQL too, or in Redis. */
export function postgresTarget(lock: 'postgres' | 'redis'): Target {
  const tmp = tempDir('propgrade-race-');
  const schema = `race_${randomBytes(5).toString('hex')}`;
  const dbUrl = urlWithSchema(schema, TEST_PG_URL);
  return {
    dir: tmp.dir,
    dbUrl,
    lockUrl: lock === 'postgres' ? dbUrl : TEST_REDIS_URL,
    env: { PROPGRADE_LOCK_NAMESPACE: `race-${schema}` },
    dropGuard: async () => {
      await rawSql(`DROP INDEX IF EXISTS "${schema}".${PG_GUARD};
        UPDATE "${schema}".store_metadata SET value = '{"installed":false,"reason":"dropped by a test"}' WHERE key = 'unique_guard'`);
    },
    cleanup: async () => {
      await rawSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      tmp.cleanup();
    },
  };
}
