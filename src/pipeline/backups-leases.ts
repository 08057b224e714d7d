/**
 * What the maintenance writes (import, dedupe, restore) share: the grading leases of several
 * dates taken in sorted key order under one operation id, the store's fence claims for them,
 * and the performance recompute the store runs inside its transaction (SPEC 3.4, computed here
 * in TypeScript by the domain's `dailyPerformance`).
 */
import { randomUUID } from 'node:crypto';
import { DailyPerformanceBuilder } from '../domain/performance.js';
import type { IsoDate } from '../domain/types.js';
import type { Lease } from '../lock/lease.js';
import type { DateFenceClaim, PerformanceRecompute } from '../store/store.js';
import type { PipelineContext } from './context.js';
import { fenceClaimOf, takeLease } from './lease.js';

/** The leases of one operation over several dates. Disposal releases them all. */
export interface DateLeases extends AsyncDisposable {
  readonly operationId: string;
  /** One claim per date, in date order. */
  readonly fences: DateFenceClaim[];
  /** Throws LockLostError when any lease is no longer valid. */
  checkLease(): void;
  release(): Promise<void>;
}

/** A new operation id, e.g. `dedupe-<uuid>` (the leases' owner and the log's reference). */
export function newOperationId(kind: string): string {
  return `${kind}-${randomUUID()}`;
}

function heldLeases(operationId: string, held: { date: IsoDate; lease: Lease }[]): DateLeases {
  const leases = held.map((h) => h.lease);
  const release = async () => {
    for (const lease of [...leases].reverse()) await lease.release();
  };
  return {
    operationId,
    fences: held.map(({ date, lease }) => ({ gameDate: date, claim: fenceClaimOf(lease) })),
    checkLease: () => {
      for (const lease of leases) lease.assertValid();
    },
    release,
    [Symbol.asyncDispose]: release,
  };
}

/** Take the grading lease of every date, in sorted order; on failure release those taken. */
export async function takeDateLeases(
  ctx: PipelineContext,
  dates: readonly IsoDate[],
  operationId: string,
): Promise<DateLeases> {
  const held: { date: IsoDate; lease: Lease }[] = [];
  try {
    for (const date of [...new Set(dates)].sort()) {
      const lease = await takeLease(ctx, { type: 'grading', scope: date, runId: operationId });
      held.push({ date, lease });
    }
  } catch (err) {
    for (const { lease } of held.reverse()) await lease.release();
    throw err;
  }
  return heldLeases(operationId, held);
}

/**
 * A date's performance rows from all its graded rows, streamed into the domain's builder page by
 * page (the store hands only the performance columns, so no row is copied or kept).
 */
export const recomputePerformance: PerformanceRecompute = async (gameDate, batches) => {
  const builder = new DailyPerformanceBuilder();
  for await (const batch of batches) builder.add(batch);
  return builder.result().filter((p) => p.gameDate === gameDate);
};
