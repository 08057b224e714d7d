/**
 * `/healthz`: the process is alive. `/readyz`: the store and the lock backend answer a ping
 * within a few seconds (and the server is not shutting down); 503 names what is not ready.
 * `/metrics`: the Prometheus exposition (authenticated like every API).
 */
import type { Hono } from 'hono';
import { redactUrl } from '../../config.js';
import { withTimeout } from '../../lock/timing.js';
import type { ServerDeps } from '../deps.js';

/** How long a readiness ping may take before it counts as unreachable. */
export const READY_PING_TIMEOUT_MS = 3000;

type Check = 'ok' | 'none' | string;

async function ping(fn: () => Promise<void>): Promise<Check> {
  try {
    return await withTimeout(
      fn().then(() => 'ok'),
      READY_PING_TIMEOUT_MS,
      () => `no answer within ${READY_PING_TIMEOUT_MS} ms`,
    );
  } catch (err) {
    return redactUrl(err instanceof Error ? err.message : String(err));
  }
}

/** Register the health, readiness and metrics routes. */
export function healthRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/healthz', (c) => c.json({ alive: true, jobsInFlight: deps.jobs.inFlight }));
  app.get('/readyz', async (c) => {
    const { store, lock } = deps.ctx;
    const [storeCheck, lockCheck] = await Promise.all([
      ping(() => store.ping()),
      lock ? ping(() => lock.ping()) : Promise.resolve<Check>('none'),
    ]);
    const lockReady = lockCheck === 'ok' || lockCheck === 'none';
    const ready = !deps.state.draining && storeCheck === 'ok' && lockReady;
    const body = { ready, draining: deps.state.draining, store: storeCheck, lock: lockCheck };
    return c.json(body, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    const { body, contentType } = await deps.metrics.render();
    return c.body(body, 200, { 'Content-Type': contentType });
  });
}
