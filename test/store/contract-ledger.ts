/** Store contract: the run ledger and the write fences outside a write. */
import { describe, expect, test } from 'vitest';
import type { ContractContext } from './contract.js';
import { ISO_MS, newRun } from './fixtures.js';

/** Ledger and fence tests. */
export function ledgerContract(ctx: ContractContext): void {
  describe('run ledger', () => {
    test('insertRun stamps started_at with the store clock and leaves the rest empty', async () => {
      const run = newRun(ctx.nextDate());
      const record = await ctx.store.insertRun(run);
      expect(record).toMatchObject({
        ...run,
        lockAcquiredAt: null,
        finishedAt: null,
        rowsWritten: null,
      });
      expect(record.startedAt).toMatch(ISO_MS);
      expect(await ctx.store.getRun(run.runId)).toEqual(record);
    });

    test("updateRun applies a patch; 'now' stamps the store clock; pendingGames round-trips", async () => {
      const run = newRun(ctx.nextDate());
      const started = await ctx.store.insertRun(run);
      await ctx.store.updateRun(run.runId, {
        lockAcquiredAt: 'now',
        finishedAt: 'now',
        status: 'failed',
        pendingGames: ['g1', 'g "2"'],
        lockWaitMs: 1234,
        sourceDuplicatesDropped: 0,
        error: 'boom',
      });
      const got = await ctx.store.getRun(run.runId);
      expect(got).toMatchObject({
        status: 'failed',
        pendingGames: ['g1', 'g "2"'],
        lockWaitMs: 1234,
      });
      expect(got).toMatchObject({ sourceDuplicatesDropped: 0, error: 'boom', rowsWritten: null });
      expect(got!.lockAcquiredAt).toMatch(ISO_MS);
      expect(Date.parse(got!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(started.startedAt));
    });

    test('getRun of an unknown id is null', async () => {
      expect(await ctx.store.getRun('no-such-run')).toBeNull();
    });

    test('listRuns filters by date, range and status, newest first, with a limit', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      const ids: string[] = [];
      for (const date of [d1, d1, d2]) ids.push((await ctx.store.insertRun(newRun(date))).runId);
      await ctx.store.updateRun(ids[1]!, { status: 'succeeded' });
      const ofD1 = await ctx.store.listRuns({ gameDate: d1 });
      expect(ofD1.map((r) => r.runId).sort()).toEqual([ids[0], ids[1]].sort());
      const ranged = await ctx.store.listRuns({ from: d1, to: d2 });
      expect(ranged).toHaveLength(3);
      for (let i = 1; i < ranged.length; i++) {
        expect(Date.parse(ranged[i - 1]!.startedAt)).toBeGreaterThanOrEqual(
          Date.parse(ranged[i]!.startedAt),
        );
      }
      const succeeded = await ctx.store.listRuns({ from: d1, to: d2, status: 'succeeded' });
      expect(succeeded.map((r) => r.runId)).toEqual([ids[1]]);
      expect(await ctx.store.listRuns({ from: d1, to: d2, limit: 2 })).toHaveLength(2);
    });
  });

  describe('write fences', () => {
    test('an unwritten partition has fence 0; bumpFence advances it by one, or to a higher floor', async () => {
      const scope = ctx.nextDate();
      expect(await ctx.store.readFence('prediction_accuracy', scope)).toEqual({
        fence: 0,
        runId: null,
      });
      expect(await ctx.store.bumpFence('prediction_accuracy', scope, 'op-1')).toBe(1);
      expect(await ctx.store.bumpFence('prediction_accuracy', scope, null)).toBe(2);
      expect(await ctx.store.bumpFence('prediction_accuracy', scope, null, 10)).toBe(10);
      expect(await ctx.store.bumpFence('prediction_accuracy', scope, null, 4)).toBe(11);
      expect(await ctx.store.readFence('prediction_accuracy', scope)).toEqual({
        fence: 11,
        runId: null,
      });
      expect(await ctx.store.readFence('predictions', scope)).toEqual({ fence: 0, runId: null });
    });
  });
}
