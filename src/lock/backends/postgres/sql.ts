/**
 * SQL of the PostgreSQL lock backend: a lease table and a fence-counter table in the configured
 * schema. Every time comes from the server's `clock_timestamp()`, so clients' clocks never matter.
 */

/** A schema name quoted as an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One lease row as selected (fence is bigint: pg returns it as text). */
export interface PgLeaseRow {
  key: string;
  holder: string;
  run_id: string;
  fence: string;
  acquired_at: Date;
  expires_at: Date;
  expired: boolean;
}

/** Advisory lock id for the DDL, held only inside its transaction (concurrent `init` is safe). */
export const DDL_LOCK_ID = "hashtext('propgrade.lock.ddl')";

/** Every statement of the backend, for one schema. */
export function postgresLockSql(schema: string) {
  const s = quoteIdent(schema);
  const leases = `${s}.lock_leases`;
  const counters = `${s}.lock_fence_counters`;
  const columns = `key, holder, run_id, fence, acquired_at, expires_at,
    expires_at <= clock_timestamp() AS expired`;
  const expiry = `clock_timestamp() + $2::float8 * interval '1 millisecond'`;
  return {
    createSchema: `CREATE SCHEMA IF NOT EXISTS ${s}`,
    schemaExists: 'SELECT to_regnamespace($1) IS NOT NULL AS present',
    createTables: `
      CREATE TABLE IF NOT EXISTS ${leases} (
        key text PRIMARY KEY,
        holder text NOT NULL,
        run_id text NOT NULL,
        fence bigint NOT NULL,
        acquired_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${counters} (
        key text PRIMARY KEY,
        fence bigint NOT NULL
      )`,
    beginTransaction: 'BEGIN; SET LOCAL lock_timeout = 1000; SET LOCAL statement_timeout = 5000',
    /** Creates the counter row if needed and row-locks it: acquirers of a key queue here. */
    lockCounter: `INSERT INTO ${counters} (key, fence) VALUES ($1, 0)
      ON CONFLICT (key) DO UPDATE SET fence = ${counters}.fence RETURNING fence`,
    selectLease: `SELECT ${columns} FROM ${leases} WHERE key = $1`,
    takeLease: `WITH counter AS (UPDATE ${counters} SET fence = $3 WHERE key = $1)
      INSERT INTO ${leases} AS l (key, holder, run_id, fence, acquired_at, expires_at)
      VALUES ($1, $4, $5, $3, clock_timestamp(), ${expiry})
      ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, run_id = excluded.run_id,
        fence = excluded.fence, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
      WHERE l.expires_at <= clock_timestamp()
      RETURNING acquired_at, expires_at`,
    renewLease: `UPDATE ${leases} SET expires_at = ${expiry}
      WHERE key = $1 AND run_id = $3 AND expires_at > clock_timestamp()`,
    releaseLease: `DELETE FROM ${leases} WHERE key = $1 AND run_id = $2`,
    listLeases: `SELECT ${columns} FROM ${leases} WHERE starts_with(key, $1) ORDER BY key`,
    deleteLease: `DELETE FROM ${leases} WHERE key = $1 RETURNING ${columns}`,
  } as const;
}

/** The statements of one schema. */
export type PostgresLockSql = ReturnType<typeof postgresLockSql>;
