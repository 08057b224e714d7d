/** Write fences: the highest token that wrote each partition, checked inside write transactions. */
import { LockLostError } from '../../errors.js';
import type { FenceClaim, FenceResource, FenceState } from '../store.js';
import type { Db } from './connection.js';

/** The stored fence of a partition (0 when never written). */
export function readFence(db: Db, resource: FenceResource, scope: string): FenceState {
  const row = db
    .prepare('SELECT fence, run_id FROM write_fences WHERE resource = ? AND scope = ?')
    .get(resource, scope) as { fence: number | bigint; run_id: string | null } | undefined;
  return row ? { fence: Number(row.fence), runId: row.run_id } : { fence: 0, runId: null };
}

function storeFence(
  db: Db,
  resource: FenceResource,
  scope: string,
  fence: number,
  runId: string | null,
): void {
  db.prepare(
    `INSERT INTO write_fences (resource, scope, fence, run_id, writer_pid, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (resource, scope) DO UPDATE SET fence = excluded.fence, run_id = excluded.run_id,
       writer_pid = excluded.writer_pid, updated_at = excluded.updated_at`,
  ).run(resource, scope, fence, runId, process.pid, new Date().toISOString());
}

/**
 * Advance the fence for a write (inside the caller's BEGIN IMMEDIATE transaction). A lease token
 * is accepted when greater than the stored fence, or equal with the same run id; otherwise the
 * write is refused with a stale-fence error. Store mode issues stored + 1.
 */
export function claimFence(
  db: Db,
  resource: FenceResource,
  scope: string,
  claim: FenceClaim,
): number {
  const current = readFence(db, resource, scope);
  if (claim.mode === 'store') {
    storeFence(db, resource, scope, current.fence + 1, claim.runId);
    return current.fence + 1;
  }
  const sameRun = claim.token === current.fence && claim.runId === current.runId;
  if (claim.token <= current.fence && !sameRun) {
    throw new LockLostError(
      `stale fence for ${resource} ${scope}: token ${claim.token} is not above stored fence ${current.fence} (run ${current.runId ?? 'unknown'})`,
      `${resource}:${scope}`,
      'stale_fence',
    );
  }
  storeFence(db, resource, scope, claim.token, claim.runId);
  return claim.token;
}

/** Advance a partition's fence by one (force release), outside any write. */
export function bumpFence(
  db: Db,
  resource: FenceResource,
  scope: string,
  runId: string | null,
  atLeast = 0,
): number {
  const next = Math.max(readFence(db, resource, scope).fence + 1, atLeast);
  storeFence(db, resource, scope, next, runId);
  return next;
}
