/**
 * The one contract suite every LockBackend passes, driven through DistributedLock: mutual
 * exclusion, expiry and takeover, renewal, loss, owner checks, waiting, cancellation, fences.
 * TTLs are short so the suite stays quick; each test uses its own key inside a random namespace.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { LockLostError, LockTimeoutError } from '../../src/errors.js';
import type { LockBackend } from '../../src/lock/backend.js';
import { DistributedLock } from '../../src/lock/distributed-lock.js';
import type { Lease } from '../../src/lock/lease.js';
import {
  abortedWithin,
  newOwner,
  RecordingObserver,
  randomNamespace,
  rejectionOf,
} from './helpers.js';

/** One client of the backend under test: its own connection, the suite's namespace. */
interface Client {
  backend: LockBackend;
  lock: DistributedLock;
  observer: RecordingObserver;
}

/**
 * Register the contract tests for one backend. `makeBackend` opens a new connection each call;
 * every key the suite writes starts with `namespace` (so a test file can clean up after it).
 */
export function describeLockBackendContract(
  name: string,
  makeBackend: () => Promise<LockBackend>,
  namespace: string = randomNamespace(),
): void {
  describe(`${name} lock backend contract`, () => {
    const opened: LockBackend[] = [];
    const held: Lease[] = [];
    let keySeq = 0;

    async function client(): Promise<Client> {
      const backend = await makeBackend();
      opened.push(backend);
      const observer = new RecordingObserver();
      return { backend, lock: new DistributedLock(backend, { namespace, observer }), observer };
    }
    const freshKey = () => `grading_2099-01-${String(++keySeq).padStart(2, '0')}`;
    const stored = (key: string) => `${namespace}:${key}`;
    const keep = (lease: Lease) => {
      held.push(lease);
      return lease;
    };

    afterEach(async () => {
      await Promise.all(held.splice(0).map((lease) => lease.release()));
      await Promise.all(opened.splice(0).map((backend) => backend.close()));
    });

    describe('mutual exclusion', () => {
      test('exactly one of 20 concurrent no-wait acquires wins; the others name the winner', async () => {
        const clients = await Promise.all([client(), client(), client(), client()]);
        const key = freshKey();
        const attempts = Array.from({ length: 20 }, (_, i) =>
          clients[i % 4]!.lock.acquire(key, {
            ...newOwner(),
            fenceFloor: 0,
            noWait: true,
            ttlMs: 5000,
          }),
        );
        const results = await Promise.allSettled(attempts);
        const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [keep(r.value)] : []));
        const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(19);
        for (const err of losers) {
          expect(err).toBeInstanceOf(LockTimeoutError);
          expect((err as LockTimeoutError).holder).toBe(winners[0]!.holder);
        }
      });

      test('a shared counter never exceeds 1 while workers loop acquire and release', async () => {
        const clients = await Promise.all([client(), client(), client(), client()]);
        const key = freshKey();
        let inside = 0;
        let maxInside = 0;
        const fences: number[] = [];
        const worker = async (c: Client) => {
          for (let i = 0; i < 5; i += 1) {
            const opts = { ...newOwner(), fenceFloor: 0, waitMs: 20_000, ttlMs: 5000 };
            await c.lock.withLease(key, opts, async (lease) => {
              inside += 1;
              maxInside = Math.max(maxInside, inside);
              fences.push(lease.fence);
              await sleep(3);
              lease.assertValid();
              inside -= 1;
            });
          }
        };
        await Promise.all(clients.map(worker));
        expect(maxInside).toBe(1);
        expect(fences).toHaveLength(20);
        for (let i = 1; i < fences.length; i += 1)
          expect(fences[i]).toBeGreaterThan(fences[i - 1]!);
      });
    });

    describe('expiry and renewal', () => {
      test('a crashed holder’s lease expires and is taken over with a higher fence', async () => {
        const [dead, live] = await Promise.all([client(), client()]);
        const key = freshKey();
        const crashed = await dead.backend.tryAcquire(stored(key), newOwner(), 300, 0);
        expect(crashed.acquired).toBe(true);
        const owner = newOwner();
        const refused = live.lock.acquire(key, { ...owner, fenceFloor: 0, noWait: true });
        expect(await rejectionOf(refused)).toBeInstanceOf(LockTimeoutError);
        const lease = keep(await live.lock.acquire(key, { ...owner, fenceFloor: 0, waitMs: 5000 }));
        expect(lease.fence).toBeGreaterThan(crashed.acquired ? crashed.fence : Infinity);
        expect((await live.lock.show(key))?.runId).toBe(owner.runId);
      });

      test('renewal keeps a job of 3× the TTL exclusive, with at least 8 renewals', async () => {
        const [holder, contender] = await Promise.all([client(), client()]);
        const key = freshKey();
        const ttlMs = 600;
        const lease = keep(await holder.lock.acquire(key, { ...newOwner(), fenceFloor: 0, ttlMs }));
        const started = Date.now();
        const refusals: unknown[] = [];
        while (
          Date.now() - started < 3 * ttlMs ||
          (lease.renewals < 8 && Date.now() - started < 6000)
        ) {
          const opts = { ...newOwner(), fenceFloor: 0, noWait: true, ttlMs };
          refusals.push(await rejectionOf(contender.lock.acquire(key, opts)));
          await sleep(100);
        }
        expect(refusals.length).toBeGreaterThanOrEqual(15);
        for (const err of refusals) expect(err).toBeInstanceOf(LockTimeoutError);
        expect(lease.lost).toBe(false);
        expect(() => lease.assertValid()).not.toThrow();
        expect(lease.renewals).toBeGreaterThanOrEqual(8);
        expect(holder.observer.renews.every((e) => e.ok)).toBe(true);
        const info = await contender.backend.inspect(stored(key));
        expect(info).toMatchObject({ runId: lease.runId, fence: lease.fence, expired: false });
      });
    });

    describe('loss', () => {
      test('a force-released lease aborts at its next renewal, before its validity ends', async () => {
        const [holder, operator] = await Promise.all([client(), client()]);
        const key = freshKey();
        const ttlMs = 1500;
        const lease = keep(await holder.lock.acquire(key, { ...newOwner(), fenceFloor: 0, ttlMs }));
        const removed = await operator.lock.forceRelease(key);
        expect(removed).toMatchObject({ key, runId: lease.runId, fence: lease.fence });
        // The first renewal (at TTL/3) hears "not owner": loss comes well before TTL runs out.
        const reason = await abortedWithin(lease.signal, ttlMs - 300);
        expect(reason).toBeInstanceOf(LockLostError);
        expect(lease.lost).toBe(true);
        expect(() => lease.assertValid()).toThrow(LockLostError);
        expect(holder.observer.losses).toEqual([{ key, lockType: 'grading' }]);
      });

      test('validity ends when renewals cannot reach the backend; release still never throws', async () => {
        const holder = await client();
        const key = freshKey();
        const lease = keep(
          await holder.lock.acquire(key, { ...newOwner(), fenceFloor: 0, ttlMs: 300 }),
        );
        await holder.backend.close();
        const reason = await abortedWithin(lease.signal, 3000);
        expect(reason).toBeInstanceOf(LockLostError);
        expect(() => lease.assertValid()).toThrow(LockLostError);
        await expect(lease.release()).resolves.toBeUndefined();
      });
    });

    describe('ownership', () => {
      test('a stale holder’s release after takeover returns false and frees nothing', async () => {
        const [stale, fresh] = await Promise.all([client(), client()]);
        const key = freshKey();
        const staleOwner = newOwner();
        expect((await stale.backend.tryAcquire(stored(key), staleOwner, 300, 0)).acquired).toBe(
          true,
        );
        const lease = keep(
          await fresh.lock.acquire(key, { ...newOwner(), fenceFloor: 0, waitMs: 5000 }),
        );
        expect(await stale.backend.release(stored(key), staleOwner.runId)).toBe(false);
        expect(await stale.backend.renew(stored(key), staleOwner.runId, 5000)).toBe(false);
        expect((await fresh.lock.show(key))?.runId).toBe(lease.runId);
      });

      test('release is owner-checked, idempotent, and frees the key', async () => {
        const c = await client();
        const key = freshKey();
        const lease = await c.lock.acquire(key, { ...newOwner(), fenceFloor: 0, ttlMs: 5000 });
        expect(await c.backend.release(stored(key), 'someone-else')).toBe(false);
        expect(await c.backend.renew(stored(key), 'someone-else', 5000)).toBe(false);
        await lease.release();
        await lease.release();
        expect(await c.lock.show(key)).toBeNull();
        expect(() => lease.assertValid()).toThrow(LockLostError);
        expect(c.observer.releases).toHaveLength(1);
      });
    });

    describe('odd owners', () => {
      test('run ids are compared whole and odd characters round-trip', async () => {
        const c = await client();
        const key = freshKey();
        const runId = 'run "1" \\ / é ,"holder":';
        const holder = `host:1/${runId}`;
        const lease = await c.lock.acquire(key, { runId, holder, fenceFloor: 0, ttlMs: 5000 });
        for (const other of ['run "1"', `${runId}x`, runId.slice(0, -1)]) {
          expect(await c.backend.renew(stored(key), other, 5000)).toBe(false);
          expect(await c.backend.release(stored(key), other)).toBe(false);
        }
        expect(await c.lock.show(key)).toMatchObject({ key, runId, holder, fence: lease.fence });
        expect(await c.backend.renew(stored(key), runId, 5000)).toBe(true);
        await lease.release();
        expect(await c.lock.show(key)).toBeNull();
      });
    });

    describe('waiting', () => {
      test('a held key times out naming its holder and expiry', async () => {
        const [holder, waiter] = await Promise.all([client(), client()]);
        const key = freshKey();
        const lease = keep(
          await holder.lock.acquire(key, { ...newOwner(), fenceFloor: 0, ttlMs: 5000 }),
        );
        const err = await rejectionOf(
          waiter.lock.acquire(key, { ...newOwner(), fenceFloor: 0, waitMs: 300 }),
        );
        expect(err).toBeInstanceOf(LockTimeoutError);
        expect(err).toMatchObject({ key, holder: lease.holder });
        expect(Number.isNaN(Date.parse((err as LockTimeoutError).expiresAt ?? ''))).toBe(false);
        expect((err as Error).message).toContain(lease.holder);
        expect(waiter.observer.acquires).toMatchObject([
          { key, outcome: 'timeout', contended: true },
        ]);
      });

      test('a waiter is cancelled by its AbortSignal, before or while waiting', async () => {
        const [holder, waiter] = await Promise.all([client(), client()]);
        const key = freshKey();
        keep(await holder.lock.acquire(key, { ...newOwner(), fenceFloor: 0, ttlMs: 5000 }));
        const controller = new AbortController();
        const shutdown = new Error('shutting down');
        setTimeout(() => controller.abort(shutdown), 100);
        const opts = { ...newOwner(), fenceFloor: 0, waitMs: 30_000, signal: controller.signal };
        expect(await rejectionOf(waiter.lock.acquire(key, opts))).toBe(shutdown);
        const free = freshKey();
        expect(await rejectionOf(waiter.lock.acquire(free, opts))).toBe(shutdown);
        expect(await waiter.lock.show(free)).toBeNull();
        expect(waiter.observer.acquires.map((e) => e.outcome)).toEqual(['cancelled', 'cancelled']);
      });
    });

    describe('fences', () => {
      test('fences strictly increase per key, survive release and force release, never reused', async () => {
        const c = await client();
        const [key, other] = [freshKey(), freshKey()];
        const fences: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          await c.lock.withLease(key, { ...newOwner(), fenceFloor: 0 }, async (lease) => {
            fences.push(lease.fence);
          });
        }
        keep(await c.lock.acquire(key, { ...newOwner(), fenceFloor: 0 }));
        await c.lock.forceRelease(key);
        fences.push(keep(await c.lock.acquire(key, { ...newOwner(), fenceFloor: 0 })).fence);
        expect(fences).toEqual([1, 2, 3, 4, 5, 7]);
        expect(keep(await c.lock.acquire(other, { ...newOwner(), fenceFloor: 0 })).fence).toBe(1);
      });

      test('the issued fence is max(counter, floor) + 1', async () => {
        const c = await client();
        const key = freshKey();
        const first = await c.lock.acquire(key, { ...newOwner(), fenceFloor: 100 });
        expect(first.fence).toBe(101);
        await first.release();
        const second = await c.lock.acquire(key, { ...newOwner(), fenceFloor: 50 });
        expect(second.fence).toBe(102);
        await second.release();
      });
    });

    describe('handles', () => {
      test('withLease returns the work’s value, or rethrows its error after releasing', async () => {
        const c = await client();
        const key = freshKey();
        expect(await c.lock.withLease(key, { ...newOwner(), fenceFloor: 0 }, async () => 42)).toBe(
          42,
        );
        const boom = new Error('boom');
        const failing = c.lock.withLease(key, { ...newOwner(), fenceFloor: 0 }, async () => {
          throw boom;
        });
        expect(await rejectionOf(failing)).toBe(boom);
        expect(await c.lock.show(key)).toBeNull();
      });

      test('await using releases the lease at the end of the block', async () => {
        const c = await client();
        const key = freshKey();
        const owner = newOwner();
        {
          await using lease = await c.lock.acquire(key, { ...owner, fenceFloor: 0 });
          expect((await c.lock.show(key))?.runId).toBe(lease.runId);
        }
        expect(await c.lock.show(key)).toBeNull();
      });

      test('list and show use keys without the namespace and only see their namespace', async () => {
        const { backend } = await client();
        const lock = new DistributedLock(backend, { namespace: `${namespace}-list` });
        const [a, b] = [freshKey(), freshKey()];
        const leaseA = keep(await lock.acquire(a, { ...newOwner(), fenceFloor: 0 }));
        keep(await lock.acquire(b, { ...newOwner(), fenceFloor: 0 }));
        const outsider = new DistributedLock(backend, { namespace: `${namespace}-outsider` });
        keep(await outsider.acquire(a, { ...newOwner(), fenceFloor: 0 }));
        const listed = await lock.list();
        expect(listed.map((l) => l.key)).toEqual([a, b]);
        expect(listed[0]).toMatchObject({
          key: a,
          holder: leaseA.holder,
          runId: leaseA.runId,
          expired: false,
        });
        expect(Date.parse(listed[0]!.expiresAt)).toBeGreaterThan(Date.parse(listed[0]!.acquiredAt));
        expect(await outsider.list()).toHaveLength(1);
        await expect(lock.ping()).resolves.toBeUndefined();
      });
    });
  });
}
