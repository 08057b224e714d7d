/**
 * The pipeline context: an open store, the lock (or none), configuration, a logger and the
 * alert sink. Every pipeline file composes these; the CLI and the server build one per process.
 */
import type { Config } from '../config.js';
import type { DistributedLock } from '../lock/distributed-lock.js';
import type { Logger } from '../logger.js';

/** The lock operations the pipeline uses (DistributedLock, or a stand-in that fails closed). */
export type LockService = Pick<
  DistributedLock,
  'acquire' | 'show' | 'list' | 'forceRelease' | 'ping' | 'close'
>;

import type { AlertSink } from '../alerts/sink.js';
import type { LockMode } from '../domain/types.js';
import type { Store } from '../store/store.js';

export interface PipelineContext {
  store: Store;
  /** null when `--lock none`. */
  lock: LockService | null;
  lockMode: LockMode;
  config: Config;
  log: Logger;
  alerts: AlertSink;
}
