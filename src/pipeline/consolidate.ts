/**
 * Consolidation of one staged batch into `predictions` (SPEC section 4, lock type
 * `consolidation`): take the `consolidation_<D>` lease of each date of the batch in sorted order,
 * then one fenced store transaction adds the versions, recomputes is_active and verifies it;
 * release the leases (owner-checked) whatever happened.
 */
import type { IsoDate } from '../domain/types.js';
import type { Lease } from '../lock/lease.js';
import type { BatchRecord, MergeBatchResult } from '../store/store.js';
import { failpoint } from '../util/failpoints.js';
import type { PipelineContext } from './context.js';
import { fenceClaimOf, takeLease } from './lease.js';

/** How one consolidation runs. */
export interface ConsolidateOptions {
  /** Owner of the leases (the ingest's run id). */
  runId: string;
  keepStaging?: boolean;
  /** Try each lease once instead of waiting (the sweep of other producers' batches). */
  noWait?: boolean;
}

/** What a consolidation did, with the lease mode it ran under. */
export interface ConsolidateResult extends MergeBatchResult {
  lockMode: Lease['mode'];
}

/** Take the lease of each date in sorted order, pushing each into `into` as soon as it is held. */
async function takeLeases(
  ctx: PipelineContext,
  dates: readonly IsoDate[],
  opts: ConsolidateOptions,
  into: { gameDate: IsoDate; lease: Lease }[],
): Promise<void> {
  for (const gameDate of dates) {
    const lease = await takeLease(ctx, {
      type: 'consolidation',
      scope: gameDate,
      runId: opts.runId,
      noWait: opts.noWait,
    });
    into.push({ gameDate, lease });
  }
}

function assertAllValid(leases: readonly Lease[]): void {
  for (const lease of leases) lease.assertValid();
}

/** Merge a staged batch under its dates' leases; errors propagate after the leases are released. */
export async function consolidateBatch(
  ctx: PipelineContext,
  batch: Pick<BatchRecord, 'batchId' | 'dates'>,
  opts: ConsolidateOptions,
): Promise<ConsolidateResult> {
  const held: { gameDate: IsoDate; lease: Lease }[] = [];
  const leases = () => held.map((h) => h.lease);
  try {
    await takeLeases(ctx, [...batch.dates].sort(), opts, held);
    await failpoint('consolidate-after-lease');
    assertAllValid(leases());
    const result = await ctx.store.mergeBatch({
      batchId: batch.batchId,
      fences: held.map((h) => ({ gameDate: h.gameDate, claim: fenceClaimOf(h.lease) })),
      keepStaging: opts.keepStaging ?? false,
      checkLease: () => assertAllValid(leases()),
    });
    await failpoint('consolidate-after-commit');
    return { ...result, lockMode: held[0]?.lease.mode ?? ctx.lockMode };
  } finally {
    for (const lease of leases().reverse()) await lease.release();
  }
}
