/**
 * PostgreSQL lock backend: a lease table judged by the server's `clock_timestamp()`. No session
 * advisory locks hold a lease, so it works behind a transaction-mode pooler, and a crashed holder
 * loses nothing but its connection: its row simply expires. Each acquire is one short transaction
 * that row-locks the key's fence counter, so acquirers of a key are serialized.
 */
import pg from 'pg';
import { UnavailableError } from '../../../errors.js';
import type { AcquireAttempt, LeaseInfo, LeaseOwner, LockBackend } from '../../backend.js';
import { redactUrl } from '../../redact.js';
import { DDL_LOCK_ID, type PgLeaseRow, type PostgresLockSql, postgresLockSql } from './sql.js';

/** Client settings that make an unreachable or stuck server fail within seconds. */
const PG_TIMEOUTS = { connectMs: 2000, queryMs: 6000, idleMs: 10_000 } as const;

/** PostgreSQL error codes that mean "the row is locked by someone else" (contention). */
const LOCK_NOT_AVAILABLE = '55P03';

/** The URL without `?schema=` (given to pg) and the schema it named (default `public`). */
export function splitSchema(url: string): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') || 'public';
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** Connect, create the schema and tables if missing. Throws UnavailableError when it cannot. */
export async function openPostgresLockBackend(url: string): Promise<LockBackend> {
  const target = redactUrl(url);
  const { connectionString, schema } = splitSchema(url);
  const pool = new pg.Pool({
    connectionString,
    connectionTimeoutMillis: PG_TIMEOUTS.connectMs,
    query_timeout: PG_TIMEOUTS.queryMs,
    idleTimeoutMillis: PG_TIMEOUTS.idleMs,
    application_name: 'propgrade-lock',
    max: 4,
    allowExitOnIdle: true,
  });
  pool.on('error', () => {
    // An idle client died (server restart, terminated session): the pool drops it.
  });
  const backend = new PostgresLockBackend(pool, postgresLockSql(schema), target);
  try {
    await backend.migrate(schema);
    return backend;
  } catch (err) {
    await backend.close();
    throw err;
  }
}

class PostgresLockBackend implements LockBackend {
  readonly mode = 'postgres' as const;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly sql: PostgresLockSql,
    readonly target: string,
  ) {}

  /** Idempotent DDL under a transaction-scoped advisory lock; one retry on a creation race. */
  async migrate(schema: string): Promise<void> {
    try {
      await this.createObjects(schema);
    } catch (err) {
      if (!isCreationRace(err)) throw err;
      await this.createObjects(schema);
    }
  }

  async tryAcquire(
    key: string,
    owner: LeaseOwner,
    ttlMs: number,
    fenceFloor: number,
  ): Promise<AcquireAttempt> {
    try {
      return await this.transaction(
        (client) => this.takeIfFree(client, key, owner, ttlMs, fenceFloor),
        (attempt) => attempt.acquired,
      );
    } catch (err) {
      if (codeOf(err) !== LOCK_NOT_AVAILABLE) throw err;
      return { acquired: false, current: await this.inspect(key) };
    }
  }

  async renew(key: string, runId: string, ttlMs: number): Promise<boolean> {
    const result = await this.query(this.sql.renewLease, [key, ttlMs, runId]);
    return result.rowCount === 1;
  }

  async release(key: string, runId: string): Promise<boolean> {
    const result = await this.query(this.sql.releaseLease, [key, runId]);
    return result.rowCount === 1;
  }

  async inspect(key: string): Promise<LeaseInfo | null> {
    const result = await this.query<PgLeaseRow>(this.sql.selectLease, [key]);
    const row = result.rows[0];
    return row ? leaseInfo(row) : null;
  }

  async list(prefix: string): Promise<LeaseInfo[]> {
    const result = await this.query<PgLeaseRow>(this.sql.listLeases, [prefix]);
    return result.rows.map(leaseInfo);
  }

  async forceRelease(key: string): Promise<LeaseInfo | null> {
    const result = await this.query<PgLeaseRow>(this.sql.deleteLease, [key]);
    const row = result.rows[0];
    return row ? leaseInfo(row) : null;
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1', []);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => undefined);
  }

  private async createObjects(schema: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${DDL_LOCK_ID})`);
      const found = await client.query<{ present: boolean }>(this.sql.schemaExists, [schema]);
      if (!found.rows[0]?.present) await client.query(this.sql.createSchema);
      await client.query(this.sql.createTables);
    });
  }

  private async takeIfFree(
    client: pg.PoolClient,
    key: string,
    owner: LeaseOwner,
    ttlMs: number,
    floor: number,
  ): Promise<AcquireAttempt> {
    const counter = await client.query<{ fence: string }>(this.sql.lockCounter, [key]);
    const current = (await client.query<PgLeaseRow>(this.sql.selectLease, [key])).rows[0];
    if (current && !current.expired) return { acquired: false, current: leaseInfo(current) };
    const fence = Math.max(Number(counter.rows[0]?.fence ?? 0), floor) + 1;
    const params = [key, ttlMs, fence, owner.holder, owner.runId];
    const taken = await client.query<{ acquired_at: Date; expires_at: Date }>(
      this.sql.takeLease,
      params,
    );
    const row = taken.rows[0];
    if (!row) return { acquired: false, current: null };
    return {
      acquired: true,
      fence,
      acquiredAt: row.acquired_at,
      expiresAt: row.expires_at,
    };
  }

  /** BEGIN (with local lock and statement timeouts), work, then COMMIT or ROLLBACK. */
  private async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    commit: (outcome: T) => boolean = () => true,
  ): Promise<T> {
    const client = await this.connect();
    try {
      await client.query(this.sql.beginTransaction);
      const outcome = await work(client);
      await client.query(commit(outcome) ? 'COMMIT' : 'ROLLBACK');
      client.release();
      return outcome;
    } catch (err) {
      client.release(err instanceof Error ? err : true);
      throw codeOf(err) === LOCK_NOT_AVAILABLE ? err : this.unavailable(err);
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  private unavailable(err: unknown): UnavailableError {
    if (err instanceof UnavailableError) return err;
    const reason = err instanceof Error ? err.message : String(err);
    return new UnavailableError(
      `lock backend ${this.target} is unavailable: ${reason}`,
      this.target,
      {
        cause: err,
      },
    );
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isCreationRace(err: unknown): boolean {
  const code = codeOf(err instanceof UnavailableError ? err.cause : err);
  return code === '23505' || code === '42P06' || code === '42P07';
}

function leaseInfo(row: PgLeaseRow): LeaseInfo {
  return {
    key: row.key,
    holder: row.holder,
    runId: row.run_id,
    fence: Number(row.fence),
    acquiredAt: row.acquired_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    expired: row.expired,
  };
}
