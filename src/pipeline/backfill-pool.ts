/**
 * Parallel backfill: the coordinator hands the dates, one at a time and in ascending order, to
 * worker threads started once and reused (no more than cores), each with its own store and lock
 * opened from the same configuration; `concurrency` dates are in flight across them. Grading is CPU-bound JavaScript, so threads let a
 * backfill use more than one core; see docs/decisions.md.
 *
 * Failures: a date's failure comes back as its GradeReport and exit code, exactly as in-process.
 * A thread that dies while grading fails its dates in flight closed (status `failed`, exit 6,
 * logged as an error) and is replaced. A thread that cannot start stops the handing out of dates; the dates
 * already running finish, then the start error is thrown (same class, so the same exit code).
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
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

/** A thread shared by some lanes, restarted once (not once per lane) after it dies. */
class ThreadSlot {
  private thread: Promise<BackfillThread> | null = null;

  constructor(
    private readonly config: Config,
    private readonly entry: URL,
  ) {}

  /** The live thread, started (or restarted after a death) on first need. */
  async get(): Promise<BackfillThread> {
    const current = this.thread && (await this.thread);
    if (current && !current.dead) return current;
    if (this.thread === null || current?.dead) {
      this.thread = BackfillThread.start(this.config, this.entry);
      this.thread.catch(() => undefined);
    }
    return this.thread;
  }

  /** Close the thread if one was started; returns how it exited when not cleanly. */
  async close(): Promise<string | null> {
    const thread = await this.thread?.catch(() => null);
    return (await thread?.close()) ?? null;
  }
}

/**
 * Grade `dates` in worker threads opened from `config`, `concurrency` dates in flight: on
 * min(concurrency, dates, cores) threads, so a thread may grade several dates at once (that
 * overlaps its store waits without more threads than cores). Outcomes arrive through `hooks`.
 */
export async function gradeInThreads(
  ctx: PipelineContext,
  config: Config,
  dates: readonly string[],
  opts: BackfillOptions,
  hooks: PoolHooks,
): Promise<void> {
  const entry = hooks.entry ?? backfillWorkerEntry();
  const lanes = Math.min(opts.concurrency ?? 1, dates.length);
  const slots = Array.from(
    { length: Math.min(lanes, availableParallelism()) },
    () => new ThreadSlot(config, entry),
  );
  const state = { next: 0, startError: null as unknown };
  const stopped = () => state.startError !== null || opts.signal?.aborted === true;
  const busy = new Set<BackfillThread>();
  const onAbort = () => {
    for (const t of busy) t.abort(opts.signal?.reason);
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const lane = async (slot: ThreadSlot) => {
    try {
      while (state.next < dates.length && !stopped()) {
        const thread = await slot.get();
        // Starting yields: another lane may have taken the last date, or the backfill stopped.
        if (state.next >= dates.length || stopped()) break;
        const index = state.next++;
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
      state.startError ??= err;
    }
  };
  ctx.log.debug({ threads: slots.length, lanes }, 'backfill grades in worker threads');
  try {
    await Promise.all(Array.from({ length: lanes }, (_, i) => lane(slots[i % slots.length]!)));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await closeAll(ctx, slots);
  }
  if (state.startError !== null) throw state.startError;
}

async function closeAll(ctx: PipelineContext, slots: ThreadSlot[]): Promise<void> {
  for (const unclean of await Promise.all(slots.map((s) => s.close()))) {
    if (unclean) ctx.log.warn({ reason: unclean }, 'backfill worker did not close cleanly');
  }
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
