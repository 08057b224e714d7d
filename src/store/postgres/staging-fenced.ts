/**
 * A write fenced on `predictions` of several dates in one transaction (a batch spans dates):
 * lock each date's fence row in date order (the order leases are taken in), accept each claim,
 * advance each fence, then take the dates' is_active advisory locks (also sorted), then run the
 * body. A busy fence row is retried within the store's wait budget; a writer of that date with
 * an older token (a paused holder whose lease expired) is terminated, as for grading. The
 * session is tagged with the first date only (application_name holds one tag), so termination
 * reaches a paused writer whose first date is the busy one: always so for one-date batches.
 */
import type { PoolClient } from 'pg';
import { LockTimeoutError } from '../../errors.js';
import { lockKey } from '../../lock/keys.js';
import type { DateFenceClaim } from '../store.js';
import { lockActiveDates } from './active.js';
import {
  acceptClaim,
  advanceFence,
  FenceRowBusy,
  lockFenceRow,
  markWriter,
  terminateStaleWriters,
  writerNamePrefix,
} from './fences.js';
import type { PgContext } from './pool.js';

const RETRY_PAUSE_MS = 100;

/** The fence each date was written with. */
export interface DateFence {
  gameDate: string;
  fence: number;
}

/** A body to run once the fences of `claims` (sorted by date, at least one) are claimed. */
export interface DatesFencedWrite<T> {
  claims: readonly DateFenceClaim[];
  body(client: PoolClient, fences: DateFence[]): Promise<T>;
}

function prefixOf(ctx: PgContext, gameDate: string): string {
  return writerNamePrefix(ctx.identity, 'predictions', gameDate);
}

async function claimAll(
  ctx: PgContext,
  client: PoolClient,
  claims: readonly DateFenceClaim[],
): Promise<DateFence[]> {
  const fences: DateFence[] = [];
  for (const { gameDate, claim } of claims) {
    const stored = await lockFenceRow(ctx, client, 'predictions', gameDate);
    const fence = acceptClaim(claim, stored, lockKey('consolidation', gameDate));
    await advanceFence(client, 'predictions', gameDate, fence, claim.runId);
    fences.push({ gameDate, fence });
  }
  return fences;
}

function attempt<T>(ctx: PgContext, write: DatesFencedWrite<T>): Promise<T> {
  return ctx.withTransaction(async (client) => {
    const first = write.claims[0]!;
    const prefix = prefixOf(ctx, first.gameDate);
    await markWriter(client, prefix, first.claim.mode === 'lease' ? first.claim.token : null);
    const fences = await claimAll(ctx, client, write.claims);
    if (first.claim.mode === 'store') await markWriter(client, prefix, fences[0]!.fence);
    await lockActiveDates(
      client,
      write.claims.map((c) => c.gameDate),
    );
    return write.body(client, fences);
  });
}

async function terminateOlderWriters(
  ctx: PgContext,
  claims: readonly DateFenceClaim[],
  busyDate: string,
): Promise<void> {
  const claim = claims.find((c) => c.gameDate === busyDate)?.claim;
  if (claim?.mode !== 'lease') return;
  await ctx.withClient((c) => terminateStaleWriters(c, prefixOf(ctx, busyDate), claim.token));
}

/** Run a write fenced on every date of `claims`, retrying busy fence rows within the budget. */
export async function runDatesFenced<T>(ctx: PgContext, write: DatesFencedWrite<T>): Promise<T> {
  const budget = ctx.settings.fenceWaitBudgetMs;
  const deadline = Date.now() + budget;
  for (;;) {
    try {
      return await attempt(ctx, write);
    } catch (err) {
      if (!(err instanceof FenceRowBusy)) throw err;
      if (Date.now() >= deadline) {
        throw new LockTimeoutError(
          `another writer held the fence of predictions/${err.key} for more than ${budget} ms`,
          lockKey('consolidation', err.key),
          null,
          null,
        );
      }
      await terminateOlderWriters(ctx, write.claims, err.key);
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}
