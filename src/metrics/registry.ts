/**
 * The service's metrics: one prom-client Registry per server (never the global one), holding
 * process metrics, this process's lock metrics (through a LockObserver), HTTP request counts,
 * and the ledger-derived series read from the store at scrape time.
 */
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { LockObserver } from '../lock/observer.js';
import type { Store } from '../store/store.js';
import { registerLedgerMetrics } from './ledger-metrics.js';
import { ledgerSnapshots } from './ledger-snapshot.js';
import { lockMetricsObserver } from './lock-metrics.js';

/** What the server records into and renders from. */
export interface ServiceMetrics {
  registry: Registry;
  /** Pass to the DistributedLock so that acquisitions, holds and renewals are counted. */
  lockObserver: LockObserver;
  /** Count one answered HTTP request (route is the matched pattern, never the raw path). */
  countRequest(method: string, route: string, code: number): void;
  /** Grades and backfills running in this process. */
  jobsInFlight: Gauge<'kind'>;
  /** Add the ledger-derived series, read from `store` at scrape time (once per registry). */
  watchLedger(store: Store, onError: (err: unknown) => void): void;
  /** The exposition text and its content type. */
  render(): Promise<{ body: string; contentType: string }>;
}

/** prom-client's default gauges whose `_total` names `promtool check metrics` rejects. */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
] as const;

/** prom-client's process metrics minus the misnamed gauges (`nodejs_active_resources` by type remains). */
function processMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
}

/** Build the registry for one server (process metrics, lock observer, HTTP counts). */
export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  processMetrics(registry);
  const requests = new Counter({
    name: 'propgrade_http_requests_total',
    help: 'HTTP requests answered by this server, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'code'] as const,
    registers: [registry],
  });
  const jobsInFlight = new Gauge({
    name: 'propgrade_server_jobs_in_flight',
    help: 'Grades and backfills this server is running now, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  return {
    registry,
    lockObserver: lockMetricsObserver(registry),
    jobsInFlight,
    countRequest: (method, route, code) => requests.inc({ method, route, code: String(code) }),
    watchLedger: (store, onError) =>
      registerLedgerMetrics(registry, ledgerSnapshots(store, onError)),
    render: async () => ({ body: await registry.metrics(), contentType: registry.contentType }),
  };
}
