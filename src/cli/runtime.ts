/**
 * Build the pipeline context for one CLI process: resolve configuration, open and migrate the
 * store, open the lock backend. A lock backend that cannot be opened does not stop the process
 * early: the run is still recorded, and taking the lease fails closed with exit 4.
 */

import { createAlertSink } from '../alerts/alert-sink.js';
import { deliveryOptionsFromEnv } from '../alerts/slack.js';
import { type Config, type ConfigFlags, resolveConfig } from '../config.js';
import type { LockMode } from '../domain/types.js';
import { DistributedLock } from '../lock/distributed-lock.js';
import type { LockObserver } from '../lock/observer.js';
import { defaultNamespace, openLockBackend } from '../lock/open.js';
import { createLogger } from '../logger.js';
import { type LockService, markRebuildable, type PipelineContext } from '../pipeline/context.js';
import { openStore } from '../store/open.js';

export interface Runtime extends PipelineContext, AsyncDisposable {}

/** A lock whose every operation throws the error met when opening its backend. */
function unavailableLock(err: unknown): LockService {
  const fail = async (): Promise<never> => {
    throw err;
  };
  return {
    acquire: fail,
    show: fail,
    list: fail,
    forceRelease: fail,
    ping: fail,
    close: async () => {},
  };
}

function lockModeOf(url: string): LockMode {
  if (url === 'none') return 'none';
  if (url.startsWith('redis')) return 'redis';
  if (url.startsWith('postgres')) return 'postgres';
  return 'sqlite';
}

async function openLock(
  config: Config,
  namespace: string,
  observer?: LockObserver,
): Promise<LockService | null> {
  if (config.lockUrl === 'none') return null;
  try {
    return new DistributedLock(await openLockBackend(config.lockUrl), { namespace, observer });
  } catch (err) {
    return unavailableLock(err);
  }
}

/** Open everything a command needs; dispose to close it. `lockObserver` receives lock events (metrics). */
export async function openRuntime(
  flags: ConfigFlags,
  overrides: Partial<Config> = {},
  lockObserver?: LockObserver,
): Promise<Runtime> {
  const config = { ...resolveConfig(flags), ...overrides };
  const rt = await openRuntimeFor(config, lockObserver);
  if (config.lockUrl === 'none')
    rt.log.warn('--lock none: partitions are written without a lease (fenced by the store only)');
  if (lockObserver === undefined) markRebuildable(rt);
  return rt;
}

/**
 * Open everything for an already resolved configuration (a backfill worker thread rebuilds its
 * coordinator's context this way, with `migrate: false`: the coordinator migrated). Dispose to close it.
 */
export async function openRuntimeFor(
  config: Config,
  lockObserver?: LockObserver,
  opts: { migrate?: boolean } = {},
): Promise<Runtime> {
  const log = createLogger(config.logLevel);
  const store = await openStore(config.databaseUrl, opts);
  const namespace = config.lockNamespace ?? defaultNamespace(store.identity);
  const lock = await openLock(config, namespace, lockObserver);
  return {
    store,
    lock,
    lockMode: lockModeOf(config.lockUrl),
    config,
    log,
    alerts: createAlertSink({
      store,
      log,
      webhookUrl: config.slackWebhookUrl,
      suppressHours: config.alertSuppressHours,
      delivery: deliveryOptionsFromEnv(process.env),
    }),
    async [Symbol.asyncDispose]() {
      await lock?.close();
      await store.close();
    },
  };
}
