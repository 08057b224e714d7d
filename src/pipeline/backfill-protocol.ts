/** The messages between the backfill coordinator and its worker threads (structured clone). */
import type { Config } from '../config.js';
import type { IsoDate, LineMode, Trigger } from '../domain/types.js';
import type { GradeOutcome } from './grade.js';
import type { SerializedError } from './worker-errors.js';

/** `workerData` of a backfill worker: the configuration its coordinator's context was opened from. */
export interface BackfillWorkerData {
  config: Config;
}

/** The grade options that cross the boundary (everything but the signal, which is a message). */
export interface WorkerGradeOptions {
  gameDate: IsoDate;
  trigger: Trigger;
  triggerSource?: string | null;
  noWait?: boolean;
  force?: boolean;
  lines?: LineMode;
  runId: string;
}

/** Coordinator to worker. */
export type ToWorker =
  | { type: 'grade'; opts: WorkerGradeOptions }
  | { type: 'abort'; reason: SerializedError }
  | { type: 'close' };

/** Worker to coordinator. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; error: SerializedError }
  | { type: 'graded'; outcome: GradeOutcome };
