/**
 * Parallel backfill: the coordinator hands the dates, one at a time and in ascending order, to
 * `min(concurrency, dates)` worker threads started once and reused, each with its own store and
 * lock opened from the same configuration. Grading is CPU-bound JavaScript, so threads let a
 * backfill use more than one core; see docs/decisions.md.
 *
 * Failures: a date's failure comes back as its GradeReport and exit code, exactly as in-process.
 * A thread that dies while grading fails that date closed (status `failed`, exit 6, logged as an
 * error) and is replaced. A thread that cannot start stops the handing out of dates; the dates
 * already running finish, then the start error is thrown (same class, so the same exit code).
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { InternalError } from '../errors.js';
import { lockKey } from '../lock/keys.js';
import type { BackfillOptions } from './backfill.js';
import type { WorkerGradeOptions } from './backfill-protocol.js';
import { BackfillThread, backfillWorkerEntry } from './backfill-thread.js';
import type { PipelineContext } from './context.js';
import type { GradeOutcome } from './grade.js';
import { failureOutcome } from './outcome.js';
import { blankReport } from './report.js';

/** Where results go, and which worker entry file to start (tests substitute a failing one). */
export interface PoolHooks {
  onOutcome(index: number, outcome: GradeOutcome): void;
  entry?: URL;
}

/** Grade `dates` in worker threads opened from `config`; outcomes arrive through `hooks`. */
export async function gradeInThreads(
  ctx: PipelineContext,
  config: Config,
  dates: readonly string[],
  opts: BackfillOptions,
  hooks: PoolHooks,
): Promise<void> {
  const entry = hooks.entry ?? backfillWorkerEntry();
  const busy = new Set<BackfillThread>();
  let next = 0;
  let startError: unknown = null;
  const stopped = () => startError !== null || opts.signal?.aborted === true;
  const onAbort = () => {
    for (const t of busy) t.abort(opts.signal?.reason);
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const slot = async () => {
    let thread: BackfillThread | null = null;
    try {
      while (next < dates.length && !stopped()) {
        if (thread === null || thread.dead) thread = await BackfillThread.start(config, entry);
        // Starting yields: another slot may have taken the last date, or the backfill stopped.
        if (next >= dates.length || stopped()) break;
        const index = next++;
        const gradeOpts = gradeOptions(opts, dates[index]!);
        busy.add(thread);
        const result = await thread.grade(gradeOpts);
        busy.delete(thread);
        hooks.onOutcome(
          index,
          'outcome' in result ? result.outcome : crashOutcome(ctx, gradeOpts, result.crashed),
        );
      }
    } catch (err) {
      startError ??= err;
    } finally {
      const unclean = await thread?.close();
      if (unclean) ctx.log.warn({ reason: unclean }, 'backfill worker did not close cleanly');
    }
  };
  const threads = Math.min(opts.concurrency ?? 1, dates.length);
  ctx.log.debug({ threads, dates: dates.length }, 'backfill grades in worker threads');
  try {
    await Promise.all(Array.from({ length: threads }, slot));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (startError !== null) throw startError;
}

function gradeOptions(opts: BackfillOptions, gameDate: string): WorkerGradeOptions {
  return {
    gameDate,
    trigger: opts.trigger ?? 'backfill',
    triggerSource: opts.triggerSource,
    noWait: opts.noWait,
    force: opts.force,
    lines: opts.lines,
    runId: randomUUID(),
  };
}

/** A date whose worker thread died: failed closed with exit 6 and logged loudly. */
function crashOutcome(
  ctx: PipelineContext,
  { gameDate, trigger, runId }: WorkerGradeOptions,
  crashed: string,
): GradeOutcome {
  const message = `backfill worker died while grading ${gameDate} (${crashed}); the date may be half done: its ledger row can stay running until swept, re-grade it`;
  const failure = failureOutcome(new InternalError(message));
  const report = blankReport(runId, gameDate, trigger, lockKey('grading', gameDate), ctx.lockMode);
  report.status = failure.status;
  report.error = { code: failure.exitCode, message };
  ctx.log.error({ gameDate, crashed }, message);
  return { report, exitCode: failure.exitCode };
}
