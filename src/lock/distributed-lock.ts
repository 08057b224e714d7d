/**
 * DistributedLock: fenced leases over a LockBackend (SPEC section 5). Fails closed: a backend
 * that cannot be reached is an UnavailableError, never a lease. Waiting uses full-jitter
 * exponential backoff, bounded by the wait and cancellable with an AbortSignal.
 */
import { InternalError, LockTimeoutError } from '../errors.js';
import type { LeaseInfo, LockBackend, LockBackendMode } from './backend.js';
import { lockTypeOf, namespacedKey } from './keys.js';
import { ActiveLease, type Lease } from './lease.js';
import type { AcquireOutcome, LockObserver } from './observer.js';
import { notify } from './observer.js';
import { backoffDelay, monotonicMs, sleep } from './timing.js';

export { LOCK_TYPES, type LockType, lockKey } from './keys.js';

/** Default lease TTL and wait (SPEC section 6). */
export const LOCK_DEFAULTS = { ttlMs: 300_000, waitMs: 300_000 } as const;

/** How to ask for a lease. */
export interface AcquireOptions {
  runId: string;
  /** `<host>:<pid>/<runId>` (see `holderFor`). */
  holder: string;
  ttlMs?: number;
  waitMs?: number;
  /** Try once; a held key is a LockTimeoutError at once. */
  noWait?: boolean;
  /** The store's fence high-water mark for the partition: the issued fence is above it. */
  fenceFloor: number;
  /** Cancels waiting; the acquire rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Construction options: every key lives under `namespace`. */
export interface DistributedLockOptions {
  namespace: string;
  observer?: LockObserver;
}

/** Fenced leases over one backend, inside one namespace. */
export class DistributedLock {
  private readonly prefix: string;

  constructor(
    private readonly backend: LockBackend,
    private readonly opts: DistributedLockOptions,
  ) {
    this.prefix = namespacedKey(opts.namespace, '');
  }

  /** The backend kind, as recorded in `grading_runs.lock_mode`. */
  get mode(): LockBackendMode {
    return this.backend.mode;
  }

  /** Every key of this lock lives under `<namespace>:`. */
  get namespace(): string {
    return this.opts.namespace;
  }

  /** Take the lease of `lockKey`, waiting up to `waitMs` (or not at all with `noWait`). */
  async acquire(lockKey: string, opts: AcquireOptions): Promise<Lease> {
    checkNumbers(opts.ttlMs ?? LOCK_DEFAULTS.ttlMs, opts.fenceFloor);
    const startedMono = monotonicMs();
    const state = { contended: false };
    try {
      const lease = await this.acquireLoop(lockKey, opts, startedMono, state);
      if (opts.signal?.aborted) {
        await lease.release();
        opts.signal.throwIfAborted();
      }
      this.reportAcquire(lockKey, 'acquired', startedMono, state.contended);
      return lease;
    } catch (err) {
      const outcome = outcomeOf(err, opts.signal);
      this.reportAcquire(lockKey, outcome, startedMono, state.contended);
      throw err;
    }
  }

  /** Run `fn` under the lease of `lockKey`; the lease is released afterwards, whatever happens. */
  async withLease<T>(
    lockKey: string,
    opts: AcquireOptions,
    fn: (lease: Lease) => Promise<T>,
  ): Promise<T> {
    const lease = await this.acquire(lockKey, opts);
    try {
      return await fn(lease);
    } finally {
      await lease.release();
    }
  }

  /** Every lease of this namespace (expired ones included), keys without the namespace. */
  async list(): Promise<LeaseInfo[]> {
    const leases = await this.backend.list(this.prefix);
    return leases.map((lease) => this.unprefixed(lease));
  }

  /** The lease of one key, or null. */
  async show(lockKey: string): Promise<LeaseInfo | null> {
    const lease = await this.backend.inspect(this.stored(lockKey));
    return lease && this.unprefixed(lease);
  }

  /** Remove a lease whatever its owner (the caller logs it and advances the store's fence). */
  async forceRelease(lockKey: string): Promise<LeaseInfo | null> {
    const lease = await this.backend.forceRelease(this.stored(lockKey));
    return lease && this.unprefixed(lease);
  }

  /** Readiness probe of the backend. */
  ping(): Promise<void> {
    return this.backend.ping();
  }

  /** Close the backend's connections. Held leases should be released first. */
  close(): Promise<void> {
    return this.backend.close();
  }

  private async acquireLoop(
    lockKey: string,
    opts: AcquireOptions,
    startedMono: number,
    state: { contended: boolean },
  ): Promise<Lease> {
    const ttlMs = opts.ttlMs ?? LOCK_DEFAULTS.ttlMs;
    const deadline = startedMono + (opts.noWait ? 0 : (opts.waitMs ?? LOCK_DEFAULTS.waitMs));
    const owner = { holder: opts.holder, runId: opts.runId };
    for (let attempt = 0; ; attempt += 1) {
      opts.signal?.throwIfAborted();
      const requestedAtMono = monotonicMs();
      const result = await this.backend.tryAcquire(
        this.stored(lockKey),
        owner,
        ttlMs,
        opts.fenceFloor,
      );
      if (result.acquired) {
        return new ActiveLease({
          backend: this.backend,
          key: lockKey,
          storedKey: this.stored(lockKey),
          owner,
          fence: result.fence,
          ttlMs,
          acquiredAt: result.acquiredAt,
          waitedMs: Math.round(requestedAtMono - startedMono),
          requestedAtMono,
          observer: this.opts.observer,
        });
      }
      state.contended = true;
      const remaining = deadline - monotonicMs();
      if (remaining <= 0) throw this.timeoutError(lockKey, result.current, opts);
      await sleep(Math.min(backoffDelay(attempt), remaining), opts.signal);
    }
  }

  private timeoutError(
    lockKey: string,
    current: LeaseInfo | null,
    opts: AcquireOptions,
  ): LockTimeoutError {
    const who = current ? `held by ${current.holder} until ${current.expiresAt}` : 'busy';
    const waited = opts.noWait
      ? 'with --no-wait'
      : `within ${opts.waitMs ?? LOCK_DEFAULTS.waitMs} ms`;
    return new LockTimeoutError(
      `lock ${lockKey} not acquired ${waited}: ${who}`,
      lockKey,
      current?.holder ?? null,
      current?.expiresAt ?? null,
    );
  }

  private reportAcquire(
    key: string,
    outcome: AcquireOutcome,
    startedMono: number,
    contended: boolean,
  ): void {
    const waitedMs = monotonicMs() - startedMono;
    const lockType = lockTypeOf(key);
    notify(() => this.opts.observer?.onAcquire?.({ key, lockType, outcome, waitedMs, contended }));
  }

  private stored(lockKey: string): string {
    return namespacedKey(this.opts.namespace, lockKey);
  }

  private unprefixed(lease: LeaseInfo): LeaseInfo {
    const key = lease.key.startsWith(this.prefix) ? lease.key.slice(this.prefix.length) : lease.key;
    return { ...lease, key };
  }
}

function outcomeOf(err: unknown, signal: AbortSignal | undefined): AcquireOutcome {
  if (err instanceof LockTimeoutError) return 'timeout';
  if (signal?.aborted && err === signal.reason) return 'cancelled';
  return 'unavailable';
}

function checkNumbers(ttlMs: number, fenceFloor: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 10) {
    throw new InternalError(`lock TTL must be an integer of at least 10 ms, got ${ttlMs}`);
  }
  if (!Number.isSafeInteger(fenceFloor) || fenceFloor < 0) {
    throw new InternalError(`fence floor must be a non-negative integer, got ${fenceFloor}`);
  }
}
