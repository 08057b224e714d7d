/**
 * The abandoned sweep: a `running` run whose lease has expired (or was never taken) and whose
 * holder is gone (src/util/holders.ts) is marked `abandoned`.
 */
import { lockKey } from '../lock/keys.js';
import type { RunRecord } from '../store/store.js';
import { holderGone } from '../util/holders.js';
import type { PipelineContext } from './context.js';

/** Mark abandoned runs; returns their ids. */
export async function sweepAbandoned(ctx: PipelineContext): Promise<string[]> {
  const running = await ctx.store.listRuns({ status: 'running' });
  const abandoned: string[] = [];
  for (const run of running) {
    if (await leaseIsLive(ctx, run)) continue;
    if (!runHolderGone(ctx, run)) continue;
    await ctx.store.updateRun(run.runId, {
      status: 'abandoned',
      finishedAt: 'now',
      error: 'holder gone with its lease expired',
    });
    abandoned.push(run.runId);
  }
  if (abandoned.length)
    ctx.log.warn({ runIds: abandoned }, `marked ${abandoned.length} run(s) abandoned`);
  return abandoned;
}

async function leaseIsLive(ctx: PipelineContext, run: RunRecord): Promise<boolean> {
  if (!ctx.lock || run.lockMode === 'none') return false;
  const lease = await ctx.lock.show(lockKey('grading', run.gameDate));
  return lease !== null && lease.runId === run.runId && !lease.expired;
}

function runHolderGone(ctx: PipelineContext, run: RunRecord): boolean {
  return holderGone(run.holder, run.startedAt, ctx.config.lockWaitMs + ctx.config.lockTtlMs);
}
