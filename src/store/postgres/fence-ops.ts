/**
 * The fence operations of the Store port outside a partition write: read the high-water mark
 * (the lock's fence floor) and bump it (force release), so that an old holder's late write is
 * refused at once.
 */
import type { FenceResource, FenceState } from '../store.js';
import { runFenced } from './fenced.js';
import { advanceFence } from './fences.js';
import type { PgContext } from './pool.js';

/** The stored fence of a partition (0 and no run when never written). */
export function readFence(
  ctx: PgContext,
  resource: FenceResource,
  scope: string,
): Promise<FenceState> {
  return ctx.withClient(async (client) => {
    const { rows } = await client.query<{ fence: number; run_id: string | null }>(
      'SELECT fence, run_id FROM write_fences WHERE resource = $1 AND scope = $2',
      [resource, scope],
    );
    const row = rows[0];
    return row === undefined ? { fence: 0, runId: null } : { fence: row.fence, runId: row.run_id };
  });
}

/**
 * Advance a partition's fence by one. A writer still inside its transaction is made stale by
 * this bump, so when it holds the fence row past lock_timeout its session is terminated.
 */
export function bumpFence(
  ctx: PgContext,
  resource: FenceResource,
  scope: string,
  runId: string | null,
  atLeast = 0,
): Promise<number> {
  return runFenced(ctx, {
    resource,
    scope,
    key: resource === 'prediction_accuracy' ? `grading_${scope}` : `consolidation_${scope}`,
    token: null,
    terminateBelow: Number.POSITIVE_INFINITY,
    body: async (client, stored) => {
      const next = Math.max(stored.fence + 1, atLeast);
      await advanceFence(client, resource, scope, next, runId);
      return next;
    },
  });
}
