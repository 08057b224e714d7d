/**
 * Entry file of a backfill worker thread (started by backfill-pool.ts, run from dist). It opens
 * its own store, lock and alert sink from the coordinator's configuration, then grades the dates
 * it is sent with `gradeDate` (as many at once as it is sent) and posts each outcome back. It never decides what to
 * grade next: the coordinator does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openRuntimeFor, type Runtime } from '../cli/runtime.js';
import type {
  BackfillWorkerData,
  FromWorker,
  ToWorker,
  WorkerGradeOptions,
} from './backfill-protocol.js';
import { gradeDate } from './grade.js';
import { deserializeError, serializeError } from './worker-errors.js';

const port = parentPort;
if (port === null) throw new Error('backfill-worker.js runs only as a worker thread');
const post = (message: FromWorker) => port.postMessage(message);

/** The dates being graded now, by run id; several may be in flight. */
const running = new Map<string, AbortController>();

async function grade(rt: Runtime, opts: WorkerGradeOptions): Promise<void> {
  const controller = new AbortController();
  running.set(opts.runId, controller);
  try {
    post({ type: 'graded', outcome: await gradeDate(rt, { ...opts, signal: controller.signal }) });
  } finally {
    running.delete(opts.runId);
  }
}

function abortAll(reason: Error): void {
  for (const controller of running.values()) controller.abort(reason);
}

async function serve(rt: Runtime): Promise<void> {
  port!.on('message', (message: ToWorker) => {
    if (message.type === 'grade') void grade(rt, message.opts);
    else if (message.type === 'abort') abortAll(deserializeError(message.reason));
    else void Promise.resolve(rt[Symbol.asyncDispose]()).finally(() => port!.close());
  });
  post({ type: 'ready' });
}

try {
  const { config } = workerData as BackfillWorkerData;
  await serve(await openRuntimeFor(config, undefined, { migrate: false }));
} catch (err) {
  post({ type: 'fatal', error: serializeError(err) });
}
