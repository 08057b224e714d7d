/**
 * The service on other backends: PostgreSQL for the store with Redis leases (the production
 * shape), and a lock backend that cannot be reached (not ready, grades fail closed with 503).
 * PostgreSQL or Redis absent: skipped loudly, or a failure under CI=true.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNamespace } from '../../src/lock/open.js';
import type { RunningServer } from '../../src/server/server.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { redisReachable, serviceAvailable, TEST_REDIS_URL } from '../lock/services.js';
import {
  freshSchemaName,
  rawSql,
  requirePostgres,
  unusedPort,
  urlWithSchema,
} from '../store/pg-helpers.js';
import {
  AUTH,
  EXAMPLE_DATE,
  EXAMPLE_DIR_FILES,
  postJson,
  seedExample,
  startTestServer,
} from './helpers.js';

/** Remove this test's keys (its fence counters) from the shared Redis. */
async function dropRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys(pattern);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

const pgUp = await requirePostgres('the serve-on-PostgreSQL tests are');
const redisUp = serviceAvailable('Redis', await redisReachable());

describe.skipIf(!pgUp || !redisUp)('serve on PostgreSQL with Redis leases', () => {
  const schema = freshSchemaName('serve_pg');
  const db = urlWithSchema(schema);
  let server: RunningServer;

  beforeAll(async () => {
    for (const [kind, file] of EXAMPLE_DIR_FILES) {
      const r = await runCli(['ingest', kind, file, '--db', db, '--json']);
      expect(r.code, r.stderr).toBe(0);
    }
    server = await startTestServer(db, {}, { lock: TEST_REDIS_URL });
  });
  afterAll(async () => {
    const namespace = server && defaultNamespace(server.deps.ctx.store.identity);
    await server?.shutdown();
    await rawSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    if (namespace) await dropRedisKeys(`${namespace}:*`);
  });

  it('is ready with both backends, grades through the API, and reports it', async () => {
    expect(server.deps.ctx.lockMode).toBe('redis');
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ ready: true, draining: false, store: 'ok', lock: 'ok' });
    const graded = await postJson(server, '/grade?wait=1', {
      target_date: EXAMPLE_DATE,
      trigger_source: 'pg',
    });
    expect(graded.status).toBe(200);
    expect(await graded.json()).toMatchObject({ status: 'succeeded', lock: { mode: 'redis' } });
    const duplicates = (await (
      await fetch(`${server.url}/duplicates`, { headers: AUTH })
    ).json()) as {
      byDate: { gameDate: string; duplicateKeys: number }[];
    };
    expect(duplicates.byDate).toEqual([
      expect.objectContaining({ gameDate: EXAMPLE_DATE, duplicateKeys: 0 }),
    ]);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: AUTH })).text();
    expect(metrics).toContain('propgrade_grading_runs_total{trigger="api",status="succeeded"} 1');
    expect(metrics).toContain(
      'propgrade_lock_acquisitions_total{lock_type="grading",outcome="acquired"} 1',
    );
    expect(metrics).toContain('propgrade_grading_run_duration_seconds_count{trigger="api"} 1');
  });
});

describe('a lock backend that cannot be reached', () => {
  const tmp = tempDir('propgrade-nolock-');
  const db = join(tmp.dir, 'nolock.db');
  let server: RunningServer;

  beforeAll(async () => {
    await seedExample(db);
    server = await startTestServer(db, {}, { lock: `redis://127.0.0.1:${await unusedPort()}` });
  });
  afterAll(async () => {
    await server?.shutdown();
    tmp.cleanup();
  });

  it('is alive but not ready, and a grade fails closed with 503 (exit 4), nothing written', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      ready: false,
      store: 'ok',
      lock: expect.not.stringMatching(/^ok$/),
    });
    const graded = await postJson(server, '/grade?wait=1', {
      target_date: EXAMPLE_DATE,
      trigger_source: 'nolock',
    });
    expect(graded.status).toBe(503);
    expect(await graded.json()).toMatchObject({
      status: 'lock_unavailable',
      rowsWritten: 0,
      error: { code: 4 },
    });
    expect((await server.deps.ctx.store.duplicatesByDate({})).length).toBe(0);
  });
});
