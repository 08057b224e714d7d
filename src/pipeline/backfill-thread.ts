/**
 * One backfill worker thread as seen by the coordinator: start it (wait for `ready`), send it
 * dates (several may be in flight) and wait for each outcome, abort or close it. A thread that
 * exits or throws while starting rejects `start`; a date in flight when it exits resolves
 * `{ crashed }` so the coordinator can report it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import { InternalError } from '../errors.js';
import type { FromWorker, ToWorker, WorkerGradeOptions } from './backfill-protocol.js';
import type { GradeOutcome } from './grade.js';
import { deserializeError, serializeError } from './worker-errors.js';

/**
 * The worker entry file. From dist (the CLI) it is the sibling `backfill-worker.js`; from the
 * TypeScript sources (vitest) it is the built copy in dist, since a worker thread cannot load
 * TypeScript: tests run after `npm run build`.
 */
export function backfillWorkerEntry(here: string = import.meta.url): URL {
  const built = here.endsWith('.ts')
    ? '../../dist/pipeline/backfill-worker.js'
    : './backfill-worker.js';
  const url = new URL(built, here);
  if (!existsSync(fileURLToPath(url))) {
    throw new InternalError(
      `backfill worker entry ${fileURLToPath(url)} is missing: run npm run build`,
    );
  }
  return url;
}

/** How a grade sent to a thread ended. */
export type ThreadResult = { outcome: GradeOutcome } | { crashed: string };

type Settle = (result: ThreadResult) => void;

/** A started backfill worker thread. */
export class BackfillThread {
  private exitReason: string | null = null;
  private exitCode: number | null = null;
  private lastError = '';
  private readonly pending = new Map<string, Settle>();
  private readonly exited: Promise<string>;
  private onStart: ((message: FromWorker | null) => void) | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (err) => {
      this.lastError = `: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    });
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => resolve(this.ended(code))),
    );
  }

  /** Start a thread for `config` and wait until it has opened its store and lock. */
  static async start(config: Config, entry: URL): Promise<BackfillThread> {
    const thread = new BackfillThread(new Worker(entry, { workerData: { config } }));
    const first = await new Promise<FromWorker | null>((resolve) => {
      thread.onStart = resolve;
    });
    if (first?.type === 'ready') return thread;
    await thread.worker.terminate();
    if (first?.type === 'fatal') throw deserializeError(first.error);
    throw new InternalError(
      `backfill worker failed to start: ${thread.exitReason ?? `it sent ${first?.type} first`}`,
    );
  }

  /** True once the thread has exited. */
  get dead(): boolean {
    return this.exitReason !== null;
  }

  /** Grade one date in the thread (other dates may be in flight in it). */
  grade(opts: WorkerGradeOptions): Promise<ThreadResult> {
    if (this.exitReason !== null) return Promise.resolve({ crashed: this.exitReason });
    return new Promise((resolve) => {
      this.pending.set(opts.runId, resolve);
      this.send({ type: 'grade', opts });
    });
  }

  /** Abort the dates being graded (as an AbortSignal would in-process). */
  abort(reason: unknown): void {
    if (this.exitReason === null) this.send({ type: 'abort', reason: serializeError(reason) });
  }

  /**
   * Ask the thread to close its store and lock and exit; terminate it after `graceMs`. Resolves
   * how it exited when that was not cleanly (code 0), else null.
   */
  async close(graceMs = 10_000): Promise<string | null> {
    if (this.exitReason !== null) return null;
    this.send({ type: 'close' });
    const timer = setTimeout(() => void this.worker.terminate(), graceMs);
    const reason = await this.exited;
    clearTimeout(timer);
    return this.exitCode === 0 ? null : reason;
  }

  private receive(message: FromWorker): void {
    if (message.type !== 'graded') {
      this.takeStart(message);
      return;
    }
    const settle = this.pending.get(message.outcome.report.runId);
    this.pending.delete(message.outcome.report.runId);
    settle?.({ outcome: message.outcome });
  }

  private takeStart(message: FromWorker | null): void {
    const onStart = this.onStart;
    this.onStart = null;
    onStart?.(message);
  }

  private ended(code: number): string {
    this.exitCode = code;
    this.exitReason = `worker thread exited with code ${code}${this.lastError}`;
    this.takeStart(null);
    for (const settle of this.pending.values()) settle({ crashed: this.exitReason });
    this.pending.clear();
    return this.exitReason;
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
