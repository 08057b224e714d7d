/**
 * One backfill worker thread as seen by the coordinator: start it (wait for `ready`), send it a
 * date and wait for the outcome, abort or close it. A thread that exits or throws while starting
 * rejects `start`; while grading, `grade` resolves `{ crashed }` so the coordinator can report it.
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

/** A started backfill worker thread. */
export class BackfillThread {
  private exitReason: string | null = null;
  private exitCode: number | null = null;
  private readonly exited: Promise<string>;

  private constructor(private readonly worker: Worker) {
    let lastError = '';
    worker.on('error', (err) => {
      lastError = `: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    });
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.exitCode = code;
        this.exitReason = `worker thread ${worker.threadId} exited with code ${code}${lastError}`;
        resolve(this.exitReason);
      }),
    );
  }

  /** Start a thread for `config` and wait until it has opened its store and lock. */
  static async start(config: Config, entry: URL): Promise<BackfillThread> {
    const thread = new BackfillThread(new Worker(entry, { workerData: { config } }));
    const first = await thread.next();
    if ('crashed' in first)
      throw new InternalError(`backfill worker failed to start: ${first.crashed}`);
    if (first.message.type === 'fatal') {
      await thread.worker.terminate();
      throw deserializeError(first.message.error);
    }
    if (first.message.type !== 'ready')
      throw new InternalError(`backfill worker sent ${first.message.type} first`);
    return thread;
  }

  /** True once the thread has exited. */
  get dead(): boolean {
    return this.exitReason !== null;
  }

  /** Grade one date in the thread. */
  async grade(opts: WorkerGradeOptions): Promise<ThreadResult> {
    if (this.exitReason !== null) return { crashed: this.exitReason };
    this.send({ type: 'grade', opts });
    const reply = await this.next();
    if ('crashed' in reply) return reply;
    if (reply.message.type === 'graded') return { outcome: reply.message.outcome };
    await this.worker.terminate();
    return { crashed: `backfill worker sent ${reply.message.type} while grading` };
  }

  /** Abort the date being graded (as an AbortSignal would in-process). */
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

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private next(): Promise<{ message: FromWorker } | { crashed: string }> {
    return new Promise((resolve) => {
      const onMessage = (message: FromWorker) => {
        resolve({ message });
      };
      this.worker.once('message', onMessage);
      void this.exited.then((crashed) => {
        this.worker.off('message', onMessage);
        resolve({ crashed });
      });
    });
  }
}
