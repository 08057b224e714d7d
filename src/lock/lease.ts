/**
 * A held lease: renews itself every TTL/3, tracks its own validity on a monotonic clock measured
 * from before the acquire request, and aborts its signal with a LockLostError the moment it can
 * no longer be sure it holds the key.
 */
import type { LockMode } from '../domain/types.js';
import { LockLostError } from '../errors.js';
import type { LeaseOwner, LockBackend } from './backend.js';
import { lockTypeOf } from './keys.js';
import { type LockObserver, notify } from './observer.js';
import { monotonicMs, withTimeout } from './timing.js';

/** A lease held by this process (or the `--lock none` stand-in). Disposal releases it. */
export interface Lease extends AsyncDisposable {
  /** The lock key without namespace, e.g. `grading_2026-01-17`. */
  readonly key: string;
  /** The fence token to hand to the store; 0 means "let the store issue it" (`--lock none`). */
  readonly fence: number;
  readonly runId: string;
  readonly holder: string;
  readonly mode: LockMode;
  /** The backend's clock at acquisition. */
  readonly acquiredAt: Date;
  readonly waitedMs: number;
  /** Aborts with a LockLostError as soon as the lease is lost. */
  readonly signal: AbortSignal;
  readonly lost: boolean;
  readonly renewals: number;
  /** Throws LockLostError when lost, released, or past its client-side validity. */
  assertValid(): void;
  /** Owner-checked, idempotent release; never throws and is bounded by a timeout. */
  release(): Promise<void>;
}

/** Upper bound on a release round trip: a gone backend never makes the caller hang. */
export const RELEASE_TIMEOUT_MS = 3000;

/** Margin subtracted from client-side validity for clock drift between us and the backend. */
export function driftMarginMs(ttlMs: number): number {
  return Math.floor(ttlMs * 0.01) + 2;
}

/** What the lock knows when a lease is granted. */
export interface GrantedLease {
  backend: LockBackend;
  key: string;
  storedKey: string;
  owner: LeaseOwner;
  fence: number;
  ttlMs: number;
  acquiredAt: Date;
  waitedMs: number;
  /** Monotonic time taken just before the acquire request was sent. */
  requestedAtMono: number;
  observer?: LockObserver;
}

/** A lease held through a LockBackend, renewing itself until released or lost. */
export class ActiveLease implements Lease {
  readonly key: string;
  readonly fence: number;
  readonly runId: string;
  readonly holder: string;
  readonly mode: LockMode;
  readonly acquiredAt: Date;
  readonly waitedMs: number;
  readonly ttlMs: number;
  private readonly controller = new AbortController();
  private readonly heldSinceMono = monotonicMs();
  private validUntilMono: number;
  private renewCount = 0;
  private isLost = false;
  private released = false;
  private releasing: Promise<void> | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private validityTimer: NodeJS.Timeout | undefined;

  constructor(private readonly grant: GrantedLease) {
    this.key = grant.key;
    this.fence = grant.fence;
    this.runId = grant.owner.runId;
    this.holder = grant.owner.holder;
    this.mode = grant.backend.mode;
    this.acquiredAt = grant.acquiredAt;
    this.waitedMs = grant.waitedMs;
    this.ttlMs = grant.ttlMs;
    this.validUntilMono = grant.requestedAtMono + grant.ttlMs - driftMarginMs(grant.ttlMs);
    this.armValidityTimer();
    this.scheduleRenewal(grant.requestedAtMono + grant.ttlMs / 3 - monotonicMs());
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get lost(): boolean {
    return this.isLost;
  }

  get renewals(): number {
    return this.renewCount;
  }

  assertValid(): void {
    if (this.isLost) throw this.controller.signal.reason;
    if (this.released) {
      throw new LockLostError(`lease ${this.key} was already released`, this.key, 'lock_lost');
    }
    if (monotonicMs() >= this.validUntilMono) {
      this.markLost('its validity ended before a renewal succeeded');
      throw this.controller.signal.reason;
    }
  }

  release(): Promise<void> {
    this.releasing ??= this.releaseOnce();
    return this.releasing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.release();
  }

  private async releaseOnce(): Promise<void> {
    this.released = true;
    this.stopTimers();
    const lockType = lockTypeOf(this.key);
    const heldMs = monotonicMs() - this.heldSinceMono;
    notify(() => this.grant.observer?.onRelease?.({ key: this.key, lockType, heldMs }));
    try {
      const { backend, storedKey } = this.grant;
      await withTimeout(backend.release(storedKey, this.runId), RELEASE_TIMEOUT_MS, () => false);
    } catch {
      // Owner-checked release is best effort: an unreleased lease simply expires.
    }
  }

  private scheduleRenewal(delayMs: number): void {
    this.renewTimer = setTimeout(() => void this.renewOnce(), Math.max(0, delayMs));
    this.renewTimer.unref();
  }

  private armValidityTimer(): void {
    clearTimeout(this.validityTimer);
    const remaining = this.validUntilMono - monotonicMs();
    this.validityTimer = setTimeout(
      () => this.markLost('its validity ended before a renewal succeeded'),
      Math.max(0, remaining),
    );
    this.validityTimer.unref();
  }

  private async renewOnce(): Promise<void> {
    if (this.isLost || this.released) return;
    const startedMono = monotonicMs();
    const outcome = await this.renewRequest(startedMono);
    if (this.isLost || this.released) return;
    const lockType = lockTypeOf(this.key);
    notify(() => this.grant.observer?.onRenew?.({ key: this.key, lockType, ok: outcome === true }));
    if (outcome === false) {
      this.markLost(
        'the backend says another owner holds it (expired, taken over or force-released)',
      );
    } else if (outcome === true) {
      this.renewCount += 1;
      this.validUntilMono = startedMono + this.ttlMs - driftMarginMs(this.ttlMs);
      this.armValidityTimer();
      this.scheduleRenewal(startedMono + this.ttlMs / 3 - monotonicMs());
    } else {
      this.scheduleRenewal(Math.min(250, this.ttlMs / 10));
    }
  }

  /** true: renewed; false: not the owner any more; 'failed': error or no answer in time. */
  private async renewRequest(startedMono: number): Promise<boolean | 'failed'> {
    const { backend, storedKey } = this.grant;
    const budget = this.validUntilMono - startedMono;
    try {
      const renewal = backend.renew(storedKey, this.runId, this.ttlMs);
      return await withTimeout<boolean | 'failed'>(renewal, budget, () => 'failed');
    } catch {
      return 'failed';
    }
  }

  private markLost(reason: string): void {
    if (this.isLost || this.released) return;
    this.isLost = true;
    this.stopTimers();
    const error = new LockLostError(`lease ${this.key} lost: ${reason}`, this.key, 'lock_lost');
    this.controller.abort(error);
    const lockType = lockTypeOf(this.key);
    notify(() => this.grant.observer?.onLost?.({ key: this.key, lockType }));
  }

  private stopTimers(): void {
    clearTimeout(this.renewTimer);
    clearTimeout(this.validityTimer);
  }
}
