/**
 * The abandoned sweep: a `running` run whose lease has expired (or was never taken) and whose
 * holder is gone is marked `abandoned`. A holder on this host is gone when its pid no longer
 * exists (a paused process still exists). A holder on another host cannot be probed: it counts
 * as gone once its lease is absent or expired and it started longer ago than wait + TTL.
 */
import { hostname } from 'node:os';
import { lockKey } from '../lock/keys.js';
import type { RunRecord } from '../store/store.js';
import type { PipelineContext } from './context.js';

/** Mark abandoned runs; returns their ids. */
export async function sweepAbandoned(ctx: PipelineContext): Promise<string[]> {
  const running = await ctx.store.listRuns({ status: 'running' });
  const abandoned: string[] = [];
  for (const run of running) {
    if (await leaseIsLive(ctx, run)) continue;
    if (!holderGone(ctx, run)) continue;
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

function holderGone(ctx: PipelineContext, run: RunRecord): boolean {
  const match = /^(.*):(\d+)\/[^/]+$/.exec(run.holder);
  if (match && match[1] === hostname()) return !pidAlive(Number(match[2]));
  const budgetMs = ctx.config.lockWaitMs + ctx.config.lockTtlMs;
  return Date.now() - Date.parse(run.startedAt) > budgetMs;
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
