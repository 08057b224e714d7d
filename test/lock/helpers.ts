/** Helpers shared by the lock tests: owners, a recording observer, waiting for an abort. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { UnavailableError } from '../../src/errors.js';
import type { LeaseOwner } from '../../src/lock/backend.js';
import { DistributedLock } from '../../src/lock/distributed-lock.js';
import { holderFor } from '../../src/lock/keys.js';
import type {
  AcquireEvent,
  LockObserver,
  LostEvent,
  ReleaseEvent,
  RenewEvent,
} from '../../src/lock/observer.js';
import { openLockBackend } from '../../src/lock/open.js';

/** A fresh run id and its holder string. */
export function newOwner(): LeaseOwner {
  const runId = randomUUID();
  return { runId, holder: holderFor(runId) };
}

/** A namespace no other test file uses. */
export function randomNamespace(): string {
  return `test-${randomUUID().slice(0, 12)}`;
}

/** An observer that keeps every event. */
export class RecordingObserver implements LockObserver {
  readonly acquires: AcquireEvent[] = [];
  readonly releases: ReleaseEvent[] = [];
  readonly renews: RenewEvent[] = [];
  readonly losses: LostEvent[] = [];
  onAcquire(e: AcquireEvent): void {
    this.acquires.push(e);
  }
  onRelease(e: ReleaseEvent): void {
    this.releases.push(e);
  }
  onRenew(e: RenewEvent): void {
    this.renews.push(e);
  }
  onLost(e: LostEvent): void {
    this.losses.push(e);
  }
}

/** Resolves with the signal's reason when it aborts; rejects if it has not within `ms`. */
export function abortedWithin(signal: AbortSignal, ms: number): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`signal not aborted within ${ms} ms`)), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(signal.reason);
    });
  });
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

/**
 * The per-test timeout of a test that calls `expectUnavailableQuickly`: the fail-fast deadline.
 * Clients must give up within seconds (ioredis connect timeout ~2 s, pg connection timeout), far
 * below this; a client that retried or waited out its lease wait would exceed it.
 */
export const FAIL_FAST_TEST_TIMEOUT_MS = 15_000;

/** A lease wait far beyond FAIL_FAST_TEST_TIMEOUT_MS: only failing fast ends the call in time. */
const LONG_WAIT_MS = 600_000;

/**
 * Open the backend at `url` and try to acquire with a wait much longer than the test's timeout:
 * it must fail with UnavailableError on its first attempt (an unreachable backend is not
 * contention to wait out), and never print `secret`. Call it from a test whose timeout is
 * FAIL_FAST_TEST_TIMEOUT_MS.
 */
export async function expectUnavailableQuickly(url: string, secret?: string): Promise<void> {
  const observer = new RecordingObserver();
  const attempt = (async () => {
    const backend = await openLockBackend(url);
    const lock = new DistributedLock(backend, { namespace: randomNamespace(), observer });
    try {
      await lock.acquire('grading_2026-01-17', {
        ...newOwner(),
        fenceFloor: 0,
        waitMs: LONG_WAIT_MS,
      });
    } finally {
      await lock.close();
    }
  })();
  const err = await rejectionOf(attempt);
  expect(err).toBeInstanceOf(UnavailableError);
  for (const event of observer.acquires) {
    expect(event).toMatchObject({ outcome: 'unavailable', contended: false });
  }
  if (secret !== undefined && err instanceof UnavailableError) {
    expect(err.message).not.toContain(secret);
    expect(err.target).not.toContain(secret);
  }
}
