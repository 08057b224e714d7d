/**
 * The work this server runs in the background: grades and backfills started by HTTP or the
 * schedule. Each job has an id known before it starts, an AbortController for shutdown, and a
 * promise of its outcome that never rejects. Jobs are remembered (the last 1,000 finished ones)
 * so that `GET /runs/:id` can answer even when the store was unreachable and the ledger has no row.
 */
import { randomUUID } from 'node:crypto';
import { type ExitCode, exitCodeFor, primaryError } from '../errors.js';
import { type BackfillOptions, type BackfillReport, backfill } from '../pipeline/backfill.js';
import type { PipelineContext } from '../pipeline/context.js';
import { type GradeOptions, type GradeOutcome, gradeDate } from '../pipeline/grade.js';
import type { LeaseDecision, LeaseWatch } from './lease-watch.js';

/** Job kinds (a label of the in-flight gauge). */
export const JOB_KINDS = ['grade', 'backfill'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** How a backfill job ended; `report` is null when it failed before grading any date. */
export interface BackfillOutcome {
  report: BackfillReport | null;
  exitCode: ExitCode;
  error?: string;
}

/** A grade started by this process; its id is the run id. */
export interface GradeJob {
  kind: 'grade';
  id: string;
  gameDate: string;
  done: Promise<GradeOutcome>;
  /** Resolves when the lease is decided (never, when the run ends before asking for one). */
  lease: Promise<LeaseDecision>;
}

/** A backfill started by this process. */
export interface BackfillJob {
  kind: 'backfill';
  id: string;
  from: string;
  to: string;
  done: Promise<BackfillOutcome>;
}

export type Job = GradeJob | BackfillJob;

/** How many finished jobs are remembered. */
export const FINISHED_JOBS_KEPT = 1000;

interface Running {
  controller: AbortController;
  done: Promise<unknown>;
}

/** Starts, tracks, drains and aborts this server's jobs. */
export class JobBoard {
  private readonly jobs = new Map<string, Job>();
  private readonly outcomes = new Map<string, GradeOutcome | BackfillOutcome>();
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly ctx: PipelineContext,
    private readonly watch: LeaseWatch,
    private readonly onCount: (kind: JobKind, delta: number) => void = () => undefined,
  ) {}

  /** Start grading one date now; the run id is the job id. */
  startGrade(opts: Omit<GradeOptions, 'runId' | 'signal'>): GradeJob {
    const id = randomUUID();
    const lease = this.watch.expect(id);
    const done = this.track(id, 'grade', (signal) =>
      gradeDate(this.ctx, { ...opts, runId: id, signal }).finally(() => this.watch.forget(id)),
    );
    const job: GradeJob = { kind: 'grade', id, gameDate: opts.gameDate, lease, done };
    this.remember(job);
    return job;
  }

  /** Start a backfill now (each date gets its own run id inside). */
  startBackfill(opts: Omit<BackfillOptions, 'signal'>): BackfillJob {
    const id = randomUUID();
    const done = this.track(id, 'backfill', (signal) => this.backfillOutcome({ ...opts, signal }));
    const job: BackfillJob = { kind: 'backfill', id, from: opts.from, to: opts.to, done };
    this.remember(job);
    return job;
  }

  /** A job by id (running or remembered). */
  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** The outcome of a finished grade job of this process, or null. */
  gradeOutcome(id: string): GradeOutcome | null {
    const job = this.jobs.get(id);
    return job?.kind === 'grade'
      ? ((this.outcomes.get(id) as GradeOutcome | undefined) ?? null)
      : null;
  }

  /** The outcome of a finished backfill job of this process, or null. */
  backfillOutcomeOf(id: string): BackfillOutcome | null {
    const job = this.jobs.get(id);
    return job?.kind === 'backfill'
      ? ((this.outcomes.get(id) as BackfillOutcome | undefined) ?? null)
      : null;
  }

  /** Number of jobs running now. */
  get inFlight(): number {
    return this.running.size;
  }

  /** Wait up to `graceMs` for running jobs, then abort the rest with `reason` and wait for them. */
  async drain(graceMs: number, reason: Error): Promise<{ aborted: number }> {
    const all = () => Promise.allSettled([...this.running.values()].map((r) => r.done));
    const finished = await Promise.race([all().then(() => true), delay(graceMs).then(() => false)]);
    if (finished) return { aborted: 0 };
    const left = [...this.running.values()];
    for (const r of left) r.controller.abort(reason);
    await all();
    return { aborted: left.length };
  }

  private async backfillOutcome(opts: BackfillOptions): Promise<BackfillOutcome> {
    try {
      return await backfill(this.ctx, opts);
    } catch (err) {
      const e = primaryError(err);
      return {
        report: null,
        exitCode: exitCodeFor(e),
        error: e instanceof Error ? e.message : String(e),
      };
    }
  }

  private track<T extends GradeOutcome | BackfillOutcome>(
    id: string,
    kind: JobKind,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    this.onCount(kind, 1);
    const done = work(controller.signal).then((outcome) => {
      this.outcomes.set(id, outcome);
      return outcome;
    });
    const settled = done.finally(() => {
      this.running.delete(id);
      this.onCount(kind, -1);
    });
    this.running.set(id, { controller, done: settled });
    return settled;
  }

  private remember(job: Job): void {
    this.jobs.set(job.id, job);
    while (this.jobs.size > FINISHED_JOBS_KEPT + this.running.size) {
      const oldest = [...this.jobs.keys()].find((id) => !this.running.has(id));
      if (oldest === undefined) return;
      this.jobs.delete(oldest);
      this.outcomes.delete(oldest);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
