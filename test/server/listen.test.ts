/**
 * Against a real listening server (fetch over loopback): 409 with `no_wait` while another holder
 * has the date's lease, and 200 concurrent POSTs for one date with the unique guard dropped —
 * serialized by the lease (disjoint hold windows, rising fences), no duplicate key, and the
 * server still ready afterwards. Each holder sleeps 5 ms after taking the lease (failpoint
 * `after-lease=sleep:5`), so the other requests reach the lease while it is held: contention is
 * certain instead of depending on how the grades happen to interleave on the event loop.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistributedLock } from '../../src/lock/distributed-lock.js';
import { holderFor } from '../../src/lock/keys.js';
import { defaultNamespace, openLockBackend } from '../../src/lock/open.js';
import type { RunningServer } from '../../src/server/server.js';
import { tempDir } from '../helpers/cli.js';
import { dropSqliteGuard } from '../helpers/guard.js';
import { fencesRiseInCommitOrder, overlappingHolds } from '../helpers/partition.js';
import {
  EXAMPLE_DATE,
  getJson,
  postJson,
  seedExample,
  settledRuns,
  startTestServer,
} from './helpers.js';

const CONCURRENT_POSTS = 200;

describe('POST /grade?no_wait=1 while another process holds the date', () => {
  const tmp = tempDir('propgrade-nowait-');
  const db = join(tmp.dir, 'nowait.db');
  let server: RunningServer;
  let outside: DistributedLock;

  beforeAll(async () => {
    await seedExample(db);
    server = await startTestServer(db);
    outside = new DistributedLock(await openLockBackend(`sqlite:${db}.locks`), {
      namespace: defaultNamespace(server.deps.ctx.store.identity),
    });
  });
  afterAll(async () => {
    await server?.shutdown();
    await outside?.close();
    tmp.cleanup();
  });

  it('answers 409 naming the holder, records lock_timeout, and 202 once the lease is free', async () => {
    const holder = holderFor('outside-run');
    const lease = await outside.acquire(`grading_${EXAMPLE_DATE}`, {
      runId: 'outside-run',
      holder,
      ttlMs: 60_000,
      fenceFloor: (await server.deps.ctx.store.readFence('prediction_accuracy', EXAMPLE_DATE))
        .fence,
    });
    const held = await postJson(server, '/grade?no_wait=1', {
      target_date: EXAMPLE_DATE,
      trigger_source: 't',
    });
    expect(held.status).toBe(409);
    const body = (await held.json()) as {
      runId: string;
      holder: string;
      key: string;
      error: { code: number };
    };
    expect(body).toMatchObject({ holder, key: `grading_${EXAMPLE_DATE}`, error: { code: 3 } });
    expect(await server.deps.ctx.store.getRun(body.runId)).toMatchObject({
      status: 'lock_timeout',
    });
    await lease.release();
    const free = await postJson(server, '/grade?no_wait=1', {
      target_date: EXAMPLE_DATE,
      trigger_source: 't',
    });
    expect(free.status).toBe(202);
    const { runId } = (await free.json()) as { runId: string };
    await server.deps.jobs.get(runId)?.done;
    expect(await server.deps.ctx.store.getRun(runId)).toMatchObject({ status: 'succeeded' });
  });
});

describe(`${CONCURRENT_POSTS} concurrent POST /grade for one date, unique guard dropped`, () => {
  const tmp = tempDir('propgrade-storm-');
  const db = join(tmp.dir, 'storm.db');
  let server: RunningServer;

  const failpoints = process.env.PROPGRADE_FAILPOINTS;

  beforeAll(async () => {
    await seedExample(db);
    dropSqliteGuard(db);
    server = await startTestServer(db);
    process.env.PROPGRADE_FAILPOINTS = 'after-lease=sleep:5';
  });
  afterAll(async () => {
    if (failpoints === undefined) delete process.env.PROPGRADE_FAILPOINTS;
    else process.env.PROPGRADE_FAILPOINTS = failpoints;
    await server?.shutdown();
    tmp.cleanup();
  });

  it('accepts all, grades them one at a time under the lease, leaves no duplicate key', async () => {
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT_POSTS }, (_, i) =>
        postJson(server, '/grade', {
          target_date: EXAMPLE_DATE,
          trigger_source: 'storm',
          correlation_id: `c-${i}`,
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(new Array(CONCURRENT_POSTS).fill(202));
    const store = server.deps.ctx.store;
    const runs = await settledRuns(store, EXAMPLE_DATE, CONCURRENT_POSTS);
    expect(runs).toHaveLength(CONCURRENT_POSTS);
    expect(
      runs.filter((r) => r.status !== 'succeeded').map((r) => `${r.status}: ${r.error}`),
    ).toEqual([]);
    expect(overlappingHolds(runs)).toEqual([]);
    expect(fencesRiseInCommitOrder(runs)).toBe(true);
    expect((await store.guardState()).installed).toBe(false);
    expect(
      (await store.duplicateSummary({ from: EXAMPLE_DATE, to: EXAMPLE_DATE })).duplicateKeys,
    ).toBe(0);
    expect(runs.filter((r) => (r.lockWaitMs ?? 0) > 0).length).toBeGreaterThan(0);
  });

  it('is ready afterwards, and its metrics counted every acquisition and the contention', async () => {
    expect(await getJson(server, '/readyz')).toMatchObject({
      ready: true,
      store: 'ok',
      lock: 'ok',
    });
    const metrics = await (
      await fetch(`${server.url}/metrics`, {
        headers: { Authorization: `Bearer ${server.deps.token}` },
      })
    ).text();
    const value = (name: string) =>
      Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
    expect(
      value('propgrade_lock_acquisitions_total\\{lock_type="grading",outcome="acquired"\\}'),
    ).toBe(CONCURRENT_POSTS);
    expect(
      value('propgrade_lock_contended_acquisitions_total\\{lock_type="grading"\\}'),
    ).toBeGreaterThan(0);
    expect(value('propgrade_grading_runs_total\\{trigger="api",status="succeeded"\\}')).toBe(
      CONCURRENT_POSTS,
    );
    expect(value('propgrade_lock_leases_held\\{lock_type="grading"\\}')).toBe(0);
  });
});
