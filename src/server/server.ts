/**
 * Starting and stopping the service: refuse to start without a token (unless
 * `--insecure-no-auth` on loopback), open the observed runtime, sweep abandoned runs, listen,
 * start the schedule. Shutdown: stop accepting, let running grades finish up to the grace
 * period, abort the rest (their leases are released by the pipeline), close store and lock.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { type Config, type ConfigFlags, resolveConfig } from '../config.js';
import { InputError, LockTimeoutError } from '../errors.js';
import { createServiceMetrics } from '../metrics/registry.js';
import { sweepAbandoned } from '../pipeline/sweep.js';
import { createApp } from './app.js';
import { DEFAULT_BODY_LIMIT_BYTES, type ServerDeps } from './deps.js';
import { JobBoard } from './jobs.js';
import { LeaseWatch } from './lease-watch.js';
import { openServiceRuntime, type ServiceRuntime } from './runtime.js';
import { createSchedule, type Schedule } from './schedule.js';

/** How `serve` was asked to run. */
export interface ServeOptions {
  flags: ConfigFlags;
  overrides?: Partial<Config>;
  port: number;
  host: string;
  schedule?: string | null;
  insecureNoAuth?: boolean;
  /** How long running grades may take to finish at shutdown before they are aborted. */
  shutdownGraceMs?: number;
  bodyLimitBytes?: number;
}

/** A listening server. */
export interface RunningServer {
  url: string;
  port: number;
  host: string;
  app: Hono;
  deps: ServerDeps;
  schedule: Schedule | null;
  /** Stop gracefully (idempotent); resolves when store and lock are closed. */
  shutdown(): Promise<{ aborted: number }>;
}

/** Default grace period for running grades at shutdown. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The token to require, or null when auth is off; refuses unsafe combinations. */
export function authToken(
  token: string | null,
  insecureNoAuth: boolean,
  host: string,
): string | null {
  if (insecureNoAuth && !isLoopback(host))
    throw new InputError(`--insecure-no-auth is only allowed on a loopback address, not ${host}`, {
      field: '--insecure-no-auth',
    });
  if (insecureNoAuth) return null;
  if (!token)
    throw new InputError(
      'serve needs PROPGRADE_API_TOKEN (or --insecure-no-auth on a loopback address)',
      {
        field: 'PROPGRADE_API_TOKEN',
      },
    );
  return token;
}

function listen(app: Hono, port: number, host: string) {
  return new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new InputError(`cannot listen on ${host}:${port}: ${err.code ?? err.message}`, {
          field: '--port',
        }),
      ),
    );
  });
}

async function sweepAtStart(runtime: ServiceRuntime): Promise<void> {
  try {
    await sweepAbandoned(runtime.ctx);
  } catch (err) {
    runtime.ctx.log.warn({ err: String(err) }, 'could not sweep abandoned runs at start');
  }
}

/** Open the runtime with the metrics observer and build the app's dependencies. */
async function openDeps(opts: ServeOptions, token: string | null) {
  const metrics = createServiceMetrics();
  const watch = new LeaseWatch();
  const runtime = await openServiceRuntime(opts.flags, opts.overrides ?? {}, {
    observer: metrics.lockObserver,
    watch,
  });
  const { ctx } = runtime;
  metrics.watchLedger(ctx.store, (err) =>
    ctx.log.warn({ err: String(err) }, 'metrics: the ledger could not be read'),
  );
  await sweepAtStart(runtime);
  const jobs = new JobBoard(ctx, watch, (kind, delta) => metrics.jobsInFlight.inc({ kind }, delta));
  const deps: ServerDeps = {
    ctx,
    jobs,
    metrics,
    token,
    state: { draining: false },
    bodyLimitBytes: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
  };
  return { runtime, deps };
}

function scheduleFor(opts: ServeOptions, deps: ServerDeps): Schedule | null {
  if (!opts.schedule) return null;
  return createSchedule(opts.schedule, {
    jobs: deps.jobs,
    timeZone: deps.ctx.config.timeZone,
    log: deps.ctx.log,
    accepting: () => !deps.state.draining,
  });
}

/** Start the service. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const config = { ...resolveConfig(opts.flags), ...opts.overrides };
  const token = authToken(config.apiToken, opts.insecureNoAuth ?? false, opts.host);
  const { runtime, deps } = await openDeps(opts, token);
  const app = createApp(deps);
  let listening: Awaited<ReturnType<typeof listen>>;
  let schedule: Schedule | null = null;
  try {
    schedule = scheduleFor(opts, deps);
    listening = await listen(app, opts.port, opts.host);
  } catch (err) {
    schedule?.stop();
    await runtime.close();
    throw err;
  }
  schedule?.start();
  const graceMs = opts.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const shutdown = onceOnly(() => stopServer({ ...listening, deps, runtime, schedule, graceMs }));
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${listening.port}`;
  return { url, port: listening.port, host: opts.host, app, deps, schedule, shutdown };
}

async function stopServer(s: {
  server: ReturnType<typeof serve>;
  deps: ServerDeps;
  runtime: ServiceRuntime;
  schedule: Schedule | null;
  graceMs: number;
}): Promise<{ aborted: number }> {
  s.deps.state.draining = true;
  s.schedule?.stop();
  const closed = new Promise<void>((resolve) => s.server.close(() => resolve()));
  if ('closeIdleConnections' in s.server) s.server.closeIdleConnections();
  const reason = new LockTimeoutError(
    'the server is shutting down: stopped waiting for the lease',
    'shutdown',
    null,
    null,
  );
  const result = await s.deps.jobs.drain(s.graceMs, reason);
  if ('closeAllConnections' in s.server) s.server.closeAllConnections();
  await closed;
  await s.runtime.close();
  s.deps.ctx.log.info({ aborted: result.aborted }, 'server stopped');
  return result;
}

function onceOnly<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= fn();
    return result;
  };
}
