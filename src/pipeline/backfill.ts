/** `backfill --from --to`: grade each date under its own lease; the exit code is the most severe. */
import type { IsoDate, LineMode, Trigger } from '../domain/types.js';
import { type ExitCode, mostSevereExit } from '../errors.js';
import { dateRange } from '../util/dates.js';
import type { PipelineContext } from './context.js';
import { gradeDate } from './grade.js';
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
}

export interface BackfillReport {
  from: IsoDate;
  to: IsoDate;
  dates: GradeReport[];
  summary: { succeeded: number; failed: number; refused: number; skipped: number };
}

/** Grade a range of dates, in ascending (sorted key) order, `concurrency` at a time. */
export async function backfill(
  ctx: PipelineContext,
  opts: BackfillOptions,
): Promise<{ report: BackfillReport; exitCode: ExitCode }> {
  const all = dateRange(opts.from, opts.to);
  const todo =
    opts.resume || opts.stale ? await datesNeedingGrade(ctx.store, all, opts.stale) : all;
  const reports: GradeReport[] = new Array(todo.length);
  const codes: ExitCode[] = [];
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !opts.signal?.aborted) {
      const index = next++;
      const { report, exitCode } = await gradeDate(ctx, {
        ...opts,
        gameDate: todo[index]!,
        trigger: opts.trigger ?? 'backfill',
      });
      reports[index] = report;
      codes.push(exitCode);
      opts.onDate?.(report);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
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

function summarise(dates: GradeReport[], skipped: number): BackfillReport['summary'] {
  const count = (pred: (r: GradeReport) => boolean) => dates.filter(pred).length;
  return {
    succeeded: count((r) => r.status === 'succeeded'),
    refused: count((r) => r.status === 'refused_coverage'),
    failed: count((r) => r.status !== 'succeeded' && r.status !== 'refused_coverage'),
    skipped,
  };
}
