/**
 * The server's pipeline context: the CLI's runtime (configuration, store, alert sink) with its
 * lock reporting to the metrics observer and wrapped by the LeaseWatch. A lock
 * backend that cannot be opened does not stop the server: /readyz says so, and every grade
 * fails closed with exit 4 (HTTP 503), exactly as the CLI does.
 */
import { openRuntime } from '../cli/runtime.js';
import type { Config, ConfigFlags } from '../config.js';
import type { LockObserver } from '../lock/observer.js';
import type { PipelineContext } from '../pipeline/context.js';
import type { LeaseWatch } from './lease-watch.js';

/** The context plus the one way to close it. */
export interface ServiceRuntime {
  ctx: PipelineContext;
  close(): Promise<void>;
}

/** Open the store and an observed, watched lock for a server. */
export async function openServiceRuntime(
  flags: ConfigFlags,
  overrides: Partial<Config>,
  hooks: { observer: LockObserver; watch: LeaseWatch },
): Promise<ServiceRuntime> {
  const rt = await openRuntime(flags, overrides, hooks.observer);
  const ctx: PipelineContext = {
    store: rt.store,
    lock: rt.lock && hooks.watch.wrap(rt.lock),
    lockMode: rt.lockMode,
    config: rt.config,
    log: rt.log,
    alerts: rt.alerts,
  };
  return {
    ctx,
    close: async () => {
      await rt[Symbol.asyncDispose]();
    },
  };
}
