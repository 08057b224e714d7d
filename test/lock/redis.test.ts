/**
 * The lock contract on the shared Redis (own namespace, its keys deleted afterwards), plus
 * destructive cases on a private redis-server started here: restart without persistence, a
 * server that goes away under a held lease.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LockLostError, UnavailableError } from '../../src/errors.js';
import type { LockBackend } from '../../src/lock/backend.js';
import { DistributedLock } from '../../src/lock/distributed-lock.js';
import { openLockBackend } from '../../src/lock/open.js';
import { describeLockBackendContract } from './contract.js';
import {
  abortedWithin,
  expectUnavailableQuickly,
  FAIL_FAST_TEST_TIMEOUT_MS,
  newOwner,
  RecordingObserver,
  randomNamespace,
  rejectionOf,
} from './helpers.js';
import {
  freePort,
  type PrivateRedis,
  redisReachable,
  serviceAvailable,
  startPrivateRedis,
  TEST_REDIS_URL,
} from './services.js';

const available = serviceAvailable('Redis', await redisReachable());
const namespace = randomNamespace();

afterAll(async () => {
  if (!available) return;
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${namespace}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe.skipIf(!available)('redis (skipped when Redis is absent: see the warning)', () => {
  describeLockBackendContract('redis', () => openLockBackend(TEST_REDIS_URL), namespace);

  test(
    'an unreachable server is unavailable quickly, without its password',
    async () => {
      const port = await freePort();
      await expectUnavailableQuickly(`redis://:s3cret-pw@127.0.0.1:${port}`, 's3cret-pw');
    },
    FAIL_FAST_TEST_TIMEOUT_MS,
  );
});

describe('redis lock backend on a private redis-server', () => {
  let server: PrivateRedis;
  let backend: LockBackend;
  let lock: DistributedLock;
  const key = 'grading_2026-01-17';

  beforeAll(async () => {
    server = await startPrivateRedis();
    backend = await openLockBackend(server.url);
    lock = new DistributedLock(backend, { namespace: randomNamespace() });
  });
  afterAll(async () => {
    await backend?.close();
    await server?.stop();
  });

  test('fences keep rising across a restart that loses the counter, thanks to the floor', async () => {
    const issued: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await lock.withLease(key, { ...newOwner(), fenceFloor: 0 }, async (l) => {
        issued.push(l.fence);
      });
    }
    await server.stop();
    await server.start();
    await reachableAgain(backend);
    const raw = new Redis(server.url);
    expect(await raw.keys('*')).toEqual([]);
    raw.disconnect();
    const storeHighWater = issued.at(-1)!;
    const lease = await lock.acquire(key, { ...newOwner(), fenceFloor: storeHighWater });
    issued.push(lease.fence);
    await lease.release();
    expect(issued).toEqual([1, 2, 3, 4]);
  });

  test(
    'a server that goes away: the lease is lost, release returns, acquire is unavailable',
    async () => {
      const lease = await lock.acquire(key, { ...newOwner(), fenceFloor: 0, ttlMs: 600 });
      await server.stop();
      expect(await abortedWithin(lease.signal, 3000)).toBeInstanceOf(LockLostError);
      await expect(lease.release()).resolves.toBeUndefined();
      // A wait far beyond this test's timeout: only failing fast (no retry as if the key were
      // held) lets the acquire end in time.
      const observer = new RecordingObserver();
      const watched = new DistributedLock(backend, { namespace: randomNamespace(), observer });
      const err = await rejectionOf(
        watched.acquire(key, { ...newOwner(), fenceFloor: 0, waitMs: 600_000 }),
      );
      expect(err).toBeInstanceOf(UnavailableError);
      expect(observer.acquires).toEqual([
        expect.objectContaining({ outcome: 'unavailable', contended: false }),
      ]);
    },
    FAIL_FAST_TEST_TIMEOUT_MS,
  );
});

async function reachableAgain(backend: LockBackend): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await backend.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
