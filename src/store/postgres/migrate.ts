/**
 * Schema migrations for PostgreSQL: create the schema if missing, then apply each pending
 * migration once, all inside one transaction holding a transaction-scoped advisory lock, so that
 * several processes running `init` at the same moment neither fail nor apply anything twice.
 */
import type { PoolClient } from 'pg';
import type { PgContext } from './pool.js';
import { GUARD_INDEX, MIGRATIONS } from './schema.js';
import { quoteIdent } from './sql.js';

/** What migrate() reports. */
export interface MigrateResult {
  applied: number[];
  guardWarning: string | null;
}

async function appliedVersions(client: PoolClient): Promise<Set<number>> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

async function applyPending(client: PoolClient): Promise<number[]> {
  const done = await appliedVersions(client);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue;
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    applied.push(migration.version);
  }
  return applied;
}

/** A warning when the unique guard is dropped (init never reinstalls it) or missing. */
export async function guardWarning(client: PoolClient, schema: string): Promise<string | null> {
  const meta = await client.query<{ value: string }>(
    `SELECT value FROM store_metadata WHERE key = 'unique_guard'`,
  );
  const state = JSON.parse(meta.rows[0]?.value ?? '{"installed":false}') as {
    installed?: boolean;
    reason?: string;
  };
  if (state.installed !== true) {
    const why = state.reason ? ` (${state.reason})` : '';
    return `the unique guard ${GUARD_INDEX} is dropped${why}: duplicate keys are not prevented; run dedupe to reinstall it`;
  }
  const index = await client.query(
    'SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2',
    [schema, GUARD_INDEX],
  );
  if (index.rowCount === 0) {
    return `the store metadata says the unique guard is installed but index ${GUARD_INDEX} is missing`;
  }
  return null;
}

/** Create or migrate the schema; idempotent and safe concurrently. */
export function migrate(ctx: PgContext): Promise<MigrateResult> {
  return ctx.withTransaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1)::bigint)', [
      `propgrade:migrate:${ctx.schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(ctx.schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(ctx.schema)}`);
    const applied = await applyPending(client);
    return { applied, guardWarning: await guardWarning(client, ctx.schema) };
  });
}
