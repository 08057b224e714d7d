/**
 * Tells the HTTP layer when a run's lease is decided. The server hands the pipeline a lock that
 * wraps the real one: each acquire reports its result under the run id it was made for, so that
 * `POST /grade?no_wait=1` can answer 409 the moment the date turns out to be held, or 202 once
 * the lease is taken, without waiting for the grading itself.
 */
import type { LockService } from '../pipeline/context.js';

/** How a run's acquire ended. */
export type LeaseDecision = { acquired: true } | { acquired: false; error: unknown };

/** Per run id, the decision of its first acquire. */
export class LeaseWatch {
  private readonly pending = new Map<string, (decision: LeaseDecision) => void>();

  /** A promise of the decision for `runId`; call before the run starts. */
  expect(runId: string): Promise<LeaseDecision> {
    return new Promise((resolve) => this.pending.set(runId, resolve));
  }

  /** Stop waiting for `runId` (the run ended without asking for a lease). */
  forget(runId: string): void {
    this.pending.delete(runId);
  }

  /** `lock` with every acquire reported here. */
  wrap(lock: LockService): LockService {
    return {
      acquire: async (key, opts) => {
        try {
          const lease = await lock.acquire(key, opts);
          this.settle(opts.runId, { acquired: true });
          return lease;
        } catch (error) {
          this.settle(opts.runId, { acquired: false, error });
          throw error;
        }
      },
      show: (key) => lock.show(key),
      list: () => lock.list(),
      forceRelease: (key) => lock.forceRelease(key),
      ping: () => lock.ping(),
      close: () => lock.close(),
    };
  }

  private settle(runId: string, decision: LeaseDecision): void {
    const resolve = this.pending.get(runId);
    this.pending.delete(runId);
    resolve?.(decision);
  }
}
