/**
 * The `--lock none` stand-in for a lease: no backend, fence 0 (meaning "let the store issue
 * stored fence + 1 inside the write transaction"), never lost. Callers warn and record
 * `lock_mode` `none`; the store's fence still refuses any in-flight writer with an older token.
 */
import { LockLostError } from '../errors.js';
import type { Lease } from './lease.js';

/** Fence value of a `--lock none` lease: the store issues the real token. */
export const STORE_ISSUED_FENCE = 0;

/** A lease that guards nothing, for `--lock none`. Release is a no-op. */
export function noneLease(opts: { key: string; runId: string; holder: string }): Lease {
  const controller = new AbortController();
  let released = false;
  const release = async (): Promise<void> => {
    released = true;
  };
  return {
    key: opts.key,
    fence: STORE_ISSUED_FENCE,
    runId: opts.runId,
    holder: opts.holder,
    mode: 'none',
    acquiredAt: new Date(),
    waitedMs: 0,
    signal: controller.signal,
    lost: false,
    renewals: 0,
    assertValid(): void {
      if (released)
        throw new LockLostError(`lease ${opts.key} was already released`, opts.key, 'lock_lost');
    },
    release,
    [Symbol.asyncDispose]: release,
  };
}
