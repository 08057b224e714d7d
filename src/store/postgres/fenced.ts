/**
 * The retry loop around a fenced write transaction: mark the session as a writer of the
 * partition, lock the fence row, run the body, commit. When the row stays locked past
 * lock_timeout, terminate writers with an older token (a paused holder whose lease expired, as
 * the caller's newer lease proves) and try again, until the wait budget ends.
 */
import type { PoolClient } from 'pg';
import { LockTimeoutError } from '../../errors.js';
import type { FenceResource, FenceState } from '../store.js';
import {
  FenceRowBusy,
  lockFenceRow,
  markWriter,
  terminateStaleWriters,
  writerNamePrefix,
} from './fences.js';
import type { PgContext } from './pool.js';

/** Pause between attempts on a busy fence row. */
const RETRY_PAUSE_MS = 100;

/** A write under a partition's fence row. */
export interface FencedWrite<T> {
  resource: FenceResource;
  scope: string;
  /** The lock key, for error messages (`grading_<date>`). */
  key: string;
  /** Token shown in application_name while waiting (null: not known before the row is locked). */
  token: number | null;
  /** Terminate writers whose token is below this when the row is busy (null: never). */
  terminateBelow: number | null;
  /** The transaction's work once the fence row is locked; `prefix` is the writer-name prefix. */
  body(client: PoolClient, stored: FenceState, prefix: string): Promise<T>;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function attempt<T>(ctx: PgContext, write: FencedWrite<T>, prefix: string): Promise<T> {
  return ctx.withTransaction(async (client) => {
    await markWriter(client, prefix, write.token);
    const stored = await lockFenceRow(ctx, client, write.resource, write.scope);
    return write.body(client, stored, prefix);
  });
}

/** Run a fenced write, retrying a busy fence row within the store's wait budget. */
export async function runFenced<T>(ctx: PgContext, write: FencedWrite<T>): Promise<T> {
  const prefix = writerNamePrefix(ctx.identity, write.resource, write.scope);
  const budget = ctx.settings.fenceWaitBudgetMs;
  const deadline = Date.now() + budget;
  for (;;) {
    try {
      return await attempt(ctx, write, prefix);
    } catch (err) {
      if (!(err instanceof FenceRowBusy)) throw err;
      if (Date.now() >= deadline) {
        const what = `${write.resource}/${write.scope}`;
        throw new LockTimeoutError(
          `another writer held the fence of ${what} for more than ${budget} ms`,
          write.key,
          null,
          null,
        );
      }
      const below = write.terminateBelow;
      if (below !== null) await ctx.withClient((c) => terminateStaleWriters(c, prefix, below));
      await pause(RETRY_PAUSE_MS);
    }
  }
}
