/**
 * The LockBackend contract: the few atomic operations a lease store must offer. Three
 * implementations live in `backends/` (sqlite, postgres, redis) and one contract suite in
 * `test/lock/contract.ts` runs against all of them.
 *
 * Rules every backend keeps:
 * - Keys arrive already namespaced (`<namespace>:<lockType>_<scope>`); the backend never parses them.
 * - The backend's own clock decides expiry; a lease whose expiry has passed is free to take.
 * - Fence counters are persistent per key, separate from the lease, and never reused: each
 *   successful acquire issues `max(counter, fenceFloor) + 1` and stores it, atomically.
 * - `renew` and `release` are owner-checked by run id: they never touch someone else's lease.
 * - An unreachable backend throws `UnavailableError` (URL redacted), quickly.
 */

/** Lock backend kinds, chosen by URL scheme. */
export const LOCK_BACKEND_MODES = ['sqlite', 'postgres', 'redis'] as const;
export type LockBackendMode = (typeof LOCK_BACKEND_MODES)[number];

/** Who asks for a lease: the holder string `<host>:<pid>/<runId>` and the run id that owns it. */
export interface LeaseOwner {
  holder: string;
  runId: string;
}

/** A stored lease as the backend sees it (timestamps ISO 8601 UTC, from the backend's clock). */
export interface LeaseInfo {
  key: string;
  holder: string;
  runId: string;
  fence: number;
  acquiredAt: string;
  expiresAt: string;
  /** True when the backend's clock is past `expiresAt` and the row is still present. */
  expired: boolean;
}

/**
 * The outcome of one acquire attempt: the fence issued (with the backend's clock at acquisition
 * and the expiry it set, as Dates: no text formatting on the hot path), or who holds the key now.
 */
export type AcquireAttempt =
  | { acquired: true; fence: number; acquiredAt: Date; expiresAt: Date }
  | { acquired: false; current: LeaseInfo | null };

/** The lease store behind DistributedLock. */
export interface LockBackend {
  readonly mode: LockBackendMode;
  /** Redacted location (URL or file path) for messages. */
  readonly target: string;
  /**
   * Atomically: when `key` is free or expired, take it for `ttlMs` and issue
   * fence = max(counter, fenceFloor) + 1 (stored as the new counter); else report the holder.
   */
  tryAcquire(
    key: string,
    owner: LeaseOwner,
    ttlMs: number,
    fenceFloor: number,
  ): Promise<AcquireAttempt>;
  /** Extend the lease to now + ttlMs if `runId` still owns it and it has not expired. */
  renew(key: string, runId: string, ttlMs: number): Promise<boolean>;
  /** Delete the lease if `runId` owns it. False when it was not ours (or already gone). */
  release(key: string, runId: string): Promise<boolean>;
  /** The lease stored under `key`, expired or not; null when none. */
  inspect(key: string): Promise<LeaseInfo | null>;
  /** Every lease whose key starts with `prefix`, sorted by key. */
  list(prefix: string): Promise<LeaseInfo[]>;
  /** Delete the lease whatever its owner (operator action); returns what was removed. */
  forceRelease(key: string): Promise<LeaseInfo | null>;
  /** A cheap round trip (readiness); throws UnavailableError. */
  ping(): Promise<void>;
  /** Release connections; never throws. */
  close(): Promise<void>;
}
