/**
 * Write fences (write_fences): one row per (resource, scope) holding the highest token that
 * wrote the partition. A writer locks the row first (SELECT … FOR UPDATE under a short
 * lock_timeout), which serializes writers of one partition inside PostgreSQL. While a write
 * transaction runs, its session's application_name names the partition and its token, so that
 * a newer holder can find and terminate a paused, expired writer.
 */
import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { LockLostError, LockTimeoutError } from '../../errors.js';
import type { FenceClaim, FenceResource, FenceState, StoreIdentity } from '../store.js';
import type { PgContext } from './pool.js';
import { STORE_CLOCK } from './sql.js';

/** The fence row stayed locked by another session past lock_timeout (retried by callers). */
export class FenceRowBusy extends LockTimeoutError {
  override name = 'FenceRowBusy';
}

/** Token part of application_name for writers that have no token yet (never terminated). */
const NO_TOKEN = 'store';

/** application_name prefix shared by every writer of one partition of one database and schema. */
export function writerNamePrefix(
  identity: Pick<StoreIdentity, 'database' | 'schema'>,
  resource: FenceResource,
  scope: string,
): string {
  const { database, schema } = identity;
  const tag = createHash('sha256').update(JSON.stringify([database, schema, resource, scope]));
  return `propgrade:w:${tag.digest('hex').slice(0, 16)}:`;
}

/** Mark this session (for this transaction only) as a writer of a partition with a token. */
export async function markWriter(
  client: PoolClient,
  prefix: string,
  token: number | null,
): Promise<void> {
  await client.query(`SELECT set_config('application_name', $1, true)`, [
    `${prefix}${token ?? NO_TOKEN}`,
  ]);
}

/** Lock (creating if needed) the fence row of a partition; FenceRowBusy after lock_timeout. */
export async function lockFenceRow(
  ctx: PgContext,
  client: PoolClient,
  resource: FenceResource,
  scope: string,
): Promise<FenceState> {
  await client.query(
    `SET LOCAL lock_timeout = ${Math.max(1, Math.floor(ctx.settings.fenceLockTimeoutMs))}`,
  );
  try {
    await client.query(
      `INSERT INTO write_fences (resource, scope, fence, run_id, updated_at)
       VALUES ($1, $2, 0, NULL, ${STORE_CLOCK}) ON CONFLICT DO NOTHING`,
      [resource, scope],
    );
    const { rows } = await client.query<{ fence: number; run_id: string | null }>(
      'SELECT fence, run_id FROM write_fences WHERE resource = $1 AND scope = $2 FOR UPDATE',
      [resource, scope],
    );
    await client.query('SET LOCAL lock_timeout TO DEFAULT');
    return { fence: rows[0]!.fence, runId: rows[0]!.run_id };
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === '55P03') {
      throw new FenceRowBusy(
        `fence row of ${resource}/${scope} is locked by another writer`,
        scope,
        null,
        null,
      );
    }
    throw err;
  }
}

/** The token this write may use, or a stale_fence LockLostError. */
export function acceptClaim(claim: FenceClaim, stored: FenceState, key: string): number {
  if (claim.mode === 'store') return stored.fence + 1;
  if (claim.token > stored.fence) return claim.token;
  if (claim.token === stored.fence && claim.runId === stored.runId) return claim.token;
  throw new LockLostError(
    `stale fence for ${key}: token ${claim.token} (run ${claim.runId}) but the store holds ` +
      `${stored.fence} (run ${stored.runId ?? 'none'})`,
    key,
    'stale_fence',
  );
}

/** Advance the stored fence to `token` for `runId`, recording this session as the writer. */
export async function advanceFence(
  client: PoolClient,
  resource: FenceResource,
  scope: string,
  token: number,
  runId: string | null,
): Promise<void> {
  await client.query(
    `UPDATE write_fences SET fence = $3, run_id = $4, writer_pid = pg_backend_pid(),
       updated_at = ${STORE_CLOCK} WHERE resource = $1 AND scope = $2`,
    [resource, scope, token, runId],
  );
}

/**
 * End the sessions recorded as writers of a partition whose token is below `below` (a paused
 * holder whose lease has expired). Returns how many were terminated.
 */
export async function terminateStaleWriters(
  client: PoolClient,
  prefix: string,
  below: number,
): Promise<number> {
  const { rows } = await client.query<{ pid: number; application_name: string }>(
    `SELECT pid, application_name FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND starts_with(application_name, $1)`,
    [prefix],
  );
  let ended = 0;
  for (const row of rows) {
    const token = Number(row.application_name.slice(prefix.length));
    if (!Number.isFinite(token) || token >= below) continue;
    const r = await client.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [
      row.pid,
    ]);
    if (r.rows[0]?.ok) ended += 1;
  }
  return ended;
}
