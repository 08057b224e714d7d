/**
 * The pg Pool behind a PostgreSQL store, and the two ways every operation borrows it: a client
 * (`withClient`) or a transaction (`withTransaction`). Both release broken connections with an
 * error, so the pool never hands out a dead socket, and map every failure through errors.ts.
 */

import type { PoolClient } from 'pg';
import pg from 'pg';
import type { StoreIdentity } from '../store.js';
import { isBrokenConnection, toStoreError } from './errors.js';
import { TYPE_PARSERS } from './parsers.js';
import { parsePostgresUrl } from './url.js';

/** Tunables of a PostgreSQL store; defaults suit production. */
export interface PostgresStoreOptions {
  /** Give up connecting after this long (default 3,000 ms). */
  connectTimeoutMs?: number;
  /** Server-side statement timeout, long enough for a big COPY (default 600,000 ms). */
  statementTimeoutMs?: number;
  /** Sessions idle inside a transaction longer than this are ended by the server (default 120,000 ms). */
  idleInTransactionTimeoutMs?: number;
  /** `lock_timeout` while waiting for a partition's fence row (default 2,000 ms). */
  fenceLockTimeoutMs?: number;
  /** Total time a write keeps retrying a busy fence row (default 60,000 ms). */
  fenceWaitBudgetMs?: number;
  /** Pool size (default 10). */
  maxConnections?: number;
}

/** Resolved options. */
export type PostgresStoreSettings = Required<PostgresStoreOptions>;

const DEFAULTS: PostgresStoreSettings = {
  connectTimeoutMs: 3_000,
  statementTimeoutMs: 600_000,
  idleInTransactionTimeoutMs: 120_000,
  fenceLockTimeoutMs: 2_000,
  fenceWaitBudgetMs: 60_000,
  maxConnections: 10,
};

/** Everything an operation needs: the pool, the identity and the settings. */
export interface PgContext {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly identity: StoreIdentity;
  readonly settings: PostgresStoreSettings;
  /** Map any error to propgrade's classes (password scrubbed, URL redacted). */
  mapError(err: unknown): Error;
  /** Borrow a client (connection errors mapped); pair with `release`. */
  acquire(): Promise<PoolClient>;
  /** Give a client back; destroy it when `failure` broke the connection. */
  release(client: PoolClient, failure?: unknown): void;
  /** Borrow a client for `fn`; errors are mapped; a broken connection is destroyed. */
  withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T>;
  /** Run `fn` inside BEGIN … COMMIT (ROLLBACK on error). */
  withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T>;
}

function ignoreIdleError(): void {
  // An idle pooled connection that dies is discarded by the pool; the next borrow reconnects.
}

/** Roll back, ignoring failures (the connection may already be gone). */
export async function rollbackQuietly(client: PoolClient): Promise<void> {
  try {
    await client.query('ROLLBACK');
  } catch {
    // The server already ended the transaction with the session.
  }
}

function createPool(
  url: string,
  settings: PostgresStoreSettings,
): { pool: pg.Pool; schema: string; identity: StoreIdentity; password: string } {
  const parsed = parsePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: parsed.connectionString,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    query_timeout: settings.statementTimeoutMs + 30_000,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
    application_name: 'propgrade',
    options: `-c search_path=${parsed.schema} -c TimeZone=UTC -c DateStyle=ISO`,
    keepAlive: true,
    max: settings.maxConnections,
    types: TYPE_PARSERS,
  });
  pool.on('error', ignoreIdleError);
  return { pool, schema: parsed.schema, identity: parsed.identity, password: parsed.password };
}

/** The PgContext of one store: a pool, its identity, and the borrow helpers. */
class PoolContext implements PgContext {
  constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
    readonly identity: StoreIdentity,
    readonly settings: PostgresStoreSettings,
    private readonly password: string,
  ) {}

  mapError(err: unknown): Error {
    return toStoreError(err, this.identity.redactedUrl, this.password);
  }

  async acquire(): Promise<PoolClient> {
    try {
      const client = await this.pool.connect();
      client.on('error', ignoreIdleError);
      return client;
    } catch (err) {
      throw this.mapError(err);
    }
  }

  release(client: PoolClient, failure?: unknown): void {
    client.off('error', ignoreIdleError);
    client.release(failure !== undefined && isBrokenConnection(failure) ? true : undefined);
  }

  async withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    let failure: unknown;
    try {
      return await fn(client);
    } catch (err) {
      failure = err;
      throw this.mapError(err);
    } finally {
      this.release(client, failure);
    }
  }

  withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await rollbackQuietly(client);
        throw err;
      }
    });
  }
}

/** Build the context of a store from its URL (no connection is made until first use). */
export function createPgContext(url: string, options: PostgresStoreOptions = {}): PgContext {
  const settings: PostgresStoreSettings = { ...DEFAULTS, ...options };
  const { pool, schema, identity, password } = createPool(url, settings);
  return new PoolContext(pool, schema, identity, settings, password);
}
