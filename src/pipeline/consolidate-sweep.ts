/**
 * The staging sweep: a batch still `staged` whose producer is gone (it crashed, was killed, or
 * gave up before its merge committed) is merged by the next ingest, under the batch's own
 * leases, tried once each (a held lease leaves the batch for a later sweep). Merging is
 * idempotent, so a batch swept twice, or swept while its producer resumes it, is merged once.
 * A producer on this host is gone when its pid no longer exists (a paused process still
 * exists); on another host, once the batch has not changed for longer than lock wait + TTL.
 */
import type { IsoDate } from '../domain/types.js';
import { LockTimeoutError } from '../errors.js';
import type { BatchRecord } from '../store/store.js';
import { holderGone } from '../util/holders.js';
import { consolidateBatch } from './consolidate.js';
import type { PipelineContext } from './context.js';

/** What the sweep did with one abandoned batch. */
export const SWEEP_OUTCOMES = ['merged', 'already_merged', 'busy', 'failed'] as const;
export type SweepOutcome = (typeof SWEEP_OUTCOMES)[number];

/** One abandoned batch the sweep found, as listed in the ingest JSON. */
export interface SweptBatch {
  batchId: string;
  dates: IsoDate[];
  rows: number;
  holder: string | null;
  outcome: SweepOutcome;
  versionsAdded: number;
  error: string | null;
}

/** The sweep's report: batches it handled, and batches kept after a refused merge. */
export interface SweepReport {
  sweptBatches: SweptBatch[];
  failedBatches: string[];
}

/** True when the producer recorded as the batch's holder can no longer merge it. */
export function producerGone(ctx: PipelineContext, batch: BatchRecord, now = Date.now()): boolean {
  const budgetMs = ctx.config.lockWaitMs + ctx.config.lockTtlMs;
  return holderGone(batch.holder, batch.updatedAt, budgetMs, now);
}

async function sweepOne(
  ctx: PipelineContext,
  batch: BatchRecord,
  runId: string,
): Promise<SweptBatch> {
  const base = {
    batchId: batch.batchId,
    dates: batch.dates,
    rows: batch.rows,
    holder: batch.holder,
  };
  try {
    const merged = await consolidateBatch(ctx, batch, { runId, noWait: true });
    return { ...base, outcome: merged.outcome, versionsAdded: merged.versionsAdded, error: null };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const outcome = err instanceof LockTimeoutError ? 'busy' : 'failed';
    ctx.log.warn({ batchId: batch.batchId, outcome, error }, 'sweep of an abandoned batch');
    return { ...base, outcome, versionsAdded: 0, error };
  }
}

/** Merge every abandoned staged batch except `except`; list the batches kept as failed. */
export async function sweepStaging(
  ctx: PipelineContext,
  opts: { runId: string; except?: string },
): Promise<SweepReport> {
  const swept: SweptBatch[] = [];
  for (const batch of await ctx.store.listBatches({ status: 'staged' })) {
    if (batch.batchId === opts.except || !producerGone(ctx, batch)) continue;
    swept.push(await sweepOne(ctx, batch, opts.runId));
  }
  if (swept.length > 0) {
    ctx.log.warn({ swept }, `swept ${swept.length} abandoned staging batch(es)`);
  }
  const failed = await ctx.store.listBatches({ status: 'failed' });
  return { sweptBatches: swept, failedBatches: failed.map((b) => b.batchId) };
}
