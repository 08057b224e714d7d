/** `backfill --from --to`: grade each date under its own lease; the exit code is the most severe. */

import type { Config } from '../config.js';
import type { IsoDate, LineMode, Trigger } from '../domain/types.js';
import { type ExitCode, mostSevereExit } from '../errors.js';
import { dateRange } from '../util/dates.js';
import { gradeInThreads } from './backfill-pool.js';
import { type PipelineContext, rebuildableConfig } from './context.js';
import { type GradeOutcome, gradeDate } from './grade.js';
import type { GradeReport } from './report.js';
import { datesNeedingGrade } from './staleness.js';

export interface BackfillOptions {
  from: IsoDate;
  to: IsoDate;
  concurrency?: number;
  resume?: boolean;
  stale?: boolean;
  trigger?: Trigger;
  triggerSource?: string | null;
  noWait?: boolean;
  force?: boolean;
  lines?: LineMode;
  signal?: AbortSignal;
  onDate?: (report: GradeReport) => void;
  /** The worker thread entry file to start; tests substitute one (default: the built worker). */
  workerEntry?: URL;
}

export interface BackfillReport {
  from: IsoDate;
  to: IsoDate;
  dates: GradeReport[];
  summary: { succeeded: number; failed: number; refused: number; skipped: number };
}

/**
 * Grade a range of dates, in ascending (sorted key) order, `concurrency` at a time: in worker
 * threads when `concurrency > 1` and the context can be rebuilt there (backfill-pool.ts), else in
 * this thread. The report lists dates in ascending order either way.
 */
export async function backfill(
  ctx: PipelineContext,
  opts: BackfillOptions,
): Promise<{ report: BackfillReport; exitCode: ExitCode }> {
  const all = dateRange(opts.from, opts.to);
  const todo =
    opts.resume || opts.stale ? await datesNeedingGrade(ctx.store, all, opts.stale) : all;
  const reports: GradeReport[] = new Array(todo.length);
  const codes: ExitCode[] = [];
  const onOutcome = (index: number, { report, exitCode }: GradeOutcome) => {
    reports[index] = report;
    codes.push(exitCode);
    opts.onDate?.(report);
  };
  const config = threadsFor(ctx, opts, todo.length);
  if (config !== null)
    await gradeInThreads(ctx, config, todo, opts, { onOutcome, entry: opts.workerEntry });
  else await gradeInProcess(ctx, todo, opts, onOutcome);
  const dates = reports.filter((r) => r !== undefined);
  return {
    report: {
      from: opts.from,
      to: opts.to,
      dates,
      summary: summarise(dates, all.length - todo.length),
    },
    exitCode: mostSevereExit(codes),
  };
}

/**
 * The configuration to open worker threads from, or null to grade in this thread: concurrency 1,
 * fewer than two dates, threads turned off (PROPGRADE_BACKFILL_THREADS=0), or a context that was not opened from its configuration alone (see
 * `markRebuildable`; the server's observed lock, library callers' own contexts).
 */
function threadsFor(ctx: PipelineContext, opts: BackfillOptions, dates: number): Config | null {
  if ((opts.concurrency ?? 1) < 2 || dates < 2 || !ctx.config.backfillThreads) return null;
  return rebuildableConfig(ctx);
}

/** Grade `todo` in this thread, `concurrency` at a time (overlaps only the store's share). */
async function gradeInProcess(
  ctx: PipelineContext,
  todo: readonly IsoDate[],
  opts: BackfillOptions,
  onOutcome: (index: number, outcome: GradeOutcome) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !opts.signal?.aborted) {
      const index = next++;
      onOutcome(
        index,
        await gradeDate(ctx, {
          ...opts,
          gameDate: todo[index]!,
          trigger: opts.trigger ?? 'backfill',
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
}

function summarise(dates: GradeReport[], skipped: number): BackfillReport['summary'] {
  const count = (pred: (r: GradeReport) => boolean) => dates.filter(pred).length;
  return {
    succeeded: count((r) => r.status === 'succeeded'),
    refused: count((r) => r.status === 'refused_coverage'),
    failed: count((r) => r.status !== 'succeeded' && r.status !== 'refused_coverage'),
    skipped,
  };
}
