/** Taking a date's lease for a run (or the `--lock none` stand-in) with its fence floor. */

import { holderFor, type LockType, lockKey } from '../lock/keys.js';
import type { Lease } from '../lock/lease.js';
import { noneLease } from '../lock/none.js';
import type { FenceResource } from '../store/store.js';
import type { PipelineContext } from './context.js';

export const RESOURCE_OF: Record<LockType, FenceResource> = {
  grading: 'prediction_accuracy',
  consolidation: 'predictions',
};

export interface LeaseRequest {
  type: LockType;
  scope: string;
  runId: string;
  noWait?: boolean;
  signal?: AbortSignal;
}

/** Acquire the lease of `<type>_<scope>`; the store's fence is the floor of the token. */
export async function takeLease(ctx: PipelineContext, req: LeaseRequest): Promise<Lease> {
  const key = lockKey(req.type, req.scope);
  const holder = holderFor(req.runId);
  if (!ctx.lock) {
    ctx.log.warn(
      { key },
      `--lock none: writing ${key} without a lease; the store issues the fence`,
    );
    return noneLease({ key, runId: req.runId, holder });
  }
  const floor = await ctx.store.readFence(RESOURCE_OF[req.type], req.scope);
  return ctx.lock.acquire(key, {
    runId: req.runId,
    holder,
    ttlMs: ctx.config.lockTtlMs,
    waitMs: ctx.config.lockWaitMs,
    noWait: req.noWait ?? false,
    fenceFloor: floor.fence,
    signal: req.signal,
  });
}

/** The store's fence claim for a lease: the token, or store-issued under `--lock none`. */
export function fenceClaimOf(lease: Lease) {
  return lease.mode === 'none'
    ? ({ mode: 'store', runId: lease.runId } as const)
    : ({ mode: 'lease', token: lease.fence, runId: lease.runId } as const);
}
