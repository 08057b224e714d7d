/** Hooks through which the lock reports to metrics and logs. An observer that throws is ignored. */

/** How an acquire ended. */
export const ACQUIRE_OUTCOMES = ['acquired', 'timeout', 'unavailable', 'cancelled'] as const;
export type AcquireOutcome = (typeof ACQUIRE_OUTCOMES)[number];

/** Reported once per acquire call. `contended` is true when the key was held at least once. */
export interface AcquireEvent {
  key: string;
  lockType: string;
  outcome: AcquireOutcome;
  waitedMs: number;
  contended: boolean;
}

/** Reported once per held lease when it is released. */
export interface ReleaseEvent {
  key: string;
  lockType: string;
  heldMs: number;
}

/** Reported after every renewal attempt. */
export interface RenewEvent {
  key: string;
  lockType: string;
  ok: boolean;
}

/** Reported once when a held lease is lost. */
export interface LostEvent {
  key: string;
  lockType: string;
}

/** Optional hooks for metrics (prom-client counters and histograms) and logs. */
export interface LockObserver {
  onAcquire?(e: AcquireEvent): void;
  onRelease?(e: ReleaseEvent): void;
  onRenew?(e: RenewEvent): void;
  onLost?(e: LostEvent): void;
}

/** Run one observer call, swallowing anything it throws: metrics never break locking. */
export function notify(call: () => void): void {
  try {
    call();
  } catch {
    // An observer's failure must not change lock behaviour.
  }
}
