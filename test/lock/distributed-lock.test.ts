/** DistributedLock behaviour independent of the backend (run on a real SQLite locks file). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { InternalError } from '../../src/errors.js';
import { DistributedLock } from '../../src/lock/distributed-lock.js';
import { openLockBackend } from '../../src/lock/open.js';
import { newOwner, RecordingObserver, rejectionOf } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'propgrade-dlock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openLock(observer?: RecordingObserver | object) {
  const backend = await openLockBackend(join(dir, 'x.locks'));
  return new DistributedLock(backend, { namespace: 'unit', observer });
}

test('an observer that throws never breaks acquiring or releasing', async () => {
  const lock = await openLock({
    onAcquire() {
      throw new Error('metrics down');
    },
    onRelease() {
      throw new Error('metrics down');
    },
  });
  const lease = await lock.acquire('grading_2026-01-01', { ...newOwner(), fenceFloor: 0 });
  expect(lease.fence).toBe(1);
  await lease.release();
  expect(await lock.show('grading_2026-01-01')).toBeNull();
  await lock.close();
});

test('the observer hears acquire, renew and release with the lock type', async () => {
  const observer = new RecordingObserver();
  const lock = await openLock(observer);
  const lease = await lock.acquire('consolidation_2026-01-02', {
    ...newOwner(),
    fenceFloor: 0,
    ttlMs: 60,
  });
  await new Promise((r) => setTimeout(r, 50));
  await lease.release();
  expect(lease.waitedMs).toBeGreaterThanOrEqual(0);
  expect(observer.acquires).toMatchObject([
    { lockType: 'consolidation', outcome: 'acquired', contended: false },
  ]);
  expect(observer.renews.length).toBeGreaterThanOrEqual(1);
  expect(observer.renews[0]).toMatchObject({ key: 'consolidation_2026-01-02', ok: true });
  expect(observer.releases).toMatchObject([
    { key: 'consolidation_2026-01-02', lockType: 'consolidation' },
  ]);
  await lock.close();
});

test('a negative fence floor or a tiny TTL is refused as a programming error', async () => {
  const lock = await openLock();
  const key = 'grading_2026-01-03';
  expect(await rejectionOf(lock.acquire(key, { ...newOwner(), fenceFloor: -1 }))).toBeInstanceOf(
    InternalError,
  );
  expect(
    await rejectionOf(lock.acquire(key, { ...newOwner(), fenceFloor: 0, ttlMs: 1 })),
  ).toBeInstanceOf(InternalError);
  expect(await lock.show(key)).toBeNull();
  await lock.close();
});
