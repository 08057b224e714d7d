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

/** Contexts that a worker thread can open again, equivalently, from their configuration alone. */
const rebuildable = new WeakMap<PipelineContext, Config>();

/**
 * Declare that `ctx` was opened from `ctx.config` alone (store, lock, alert sink, logger), so a
 * worker thread may open its own equivalent context (parallel backfill). Only the CLI runtime
 * does this; a context built any other way, copied, or with a lock observer stays in-process.
 */
export function markRebuildable(ctx: PipelineContext): void {
  rebuildable.set(ctx, ctx.config);
}

/** The configuration a worker may rebuild `ctx` from, or null when it must stay in-process. */
export function rebuildableConfig(ctx: PipelineContext): Config | null {
  return rebuildable.get(ctx) ?? null;
}
