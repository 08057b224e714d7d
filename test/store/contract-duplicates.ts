/**
 * Store contract: NULL-safe duplicate keys. Runs on its own fresh location whose guard is
 * dropped by the backend's test-only helper, so duplicates can be written at all.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { GradedRow, IsoDate } from '../../src/domain/types.js';
import type { Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { graded, newRun } from './fixtures.js';

async function replace(store: Store, date: IsoDate, rows: GradedRow[]) {
  const run = await store.insertRun(newRun(date));
  const result = await store.replacePartition({
    gameDate: date,
    runId: run.runId,
    fence: { mode: 'store', runId: run.runId },
    rows,
    performance: [],
    runPatch: { status: 'succeeded' },
  });
  return { runId: run.runId, gradedAt: result.gradedAt };
}

function copies(row: GradedRow, n: number): GradedRow[] {
  return Array.from({ length: n }, (_, i) => ({
    ...row,
    predictionId: `${row.predictionId}-${i}`,
  }));
}

/** Duplicate summary tests. */
export function duplicatesContract(ctx: ContractContext): void {
  describe('duplicateSummary (guard dropped)', () => {
    let store: Store;
    let fixture: Awaited<ReturnType<ContractContext['fresh']>>;
    const [d1, d2, d3] = ['2031-06-01', '2031-06-02', '2031-06-03'];
    const noLine = graded({ gameDate: d1, gameId: 'g1', playerLookup: 'a', lineValue: null });
    const withLine = graded({ gameDate: d1, gameId: 'g1', playerLookup: 'b', lineValue: 20.5 });
    const single = graded({ gameDate: d1, gameId: 'g1', playerLookup: 'c', lineValue: null });
    let runs: { runId: string; gradedAt: string }[] = [];

    beforeAll(async () => {
      fixture = await ctx.fresh();
      store = fixture.store;
      await store.migrate();
      await fixture.dropGuard();
      runs = [
        await replace(store, d1, [...copies(noLine, 2), ...copies(withLine, 3), single]),
        await replace(store, d2, [{ ...withLine, gameDate: d2 }]),
        await replace(store, d3, copies(graded({ gameDate: d3, lineValue: null }), 4)),
      ];
    });

    test('two rows whose line is NULL with the same key are duplicates', async () => {
      const summary = await store.duplicateSummary({ from: d1, to: d1 });
      expect(summary.duplicateKeys).toBe(2);
      expect(summary.duplicateRows).toBe(3);
      expect(summary.top.map((k) => [k.playerLookup, k.lineValue, k.count])).toEqual([
        ['b', 20.5, 3],
        ['a', null, 2],
      ]);
      expect(summary.top[1]).toMatchObject({ gameId: 'g1', systemId: 'sys_a', gameDate: d1 });
      expect(summary.top[1]!.gradedAt).toEqual([runs[0]!.gradedAt, runs[0]!.gradedAt]);
      expect(summary.top[1]!.runIds).toEqual([runs[0]!.runId, runs[0]!.runId]);
    });

    test('a key spread over two dates by two runs lists both runs; the range decides what counts', async () => {
      const summary = await store.duplicateSummary({ from: d1, to: d2 });
      expect(summary.duplicateKeys).toBe(2);
      expect(summary.duplicateRows).toBe(4);
      const top = summary.top[0]!;
      expect([top.playerLookup, top.count, top.gameDate]).toEqual(['b', 4, d1]);
      expect(new Set(top.runIds)).toEqual(new Set([runs[0]!.runId, runs[1]!.runId]));
      expect(top.gradedAt).toHaveLength(4);
    });

    test('top limits the list, not the totals; an empty range has no duplicates', async () => {
      const all = await store.duplicateSummary({}, 1);
      expect([all.duplicateKeys, all.duplicateRows]).toEqual([3, 7]);
      expect(all.top.map((k) => k.count)).toEqual([4]);
      const none = await store.duplicateSummary({ from: '2031-07-01', to: '2031-07-31' });
      expect(none).toEqual({ duplicateKeys: 0, duplicateRows: 0, top: [] });
    });

    test('the dropped guard is recorded as such', async () => {
      expect((await store.guardState()).installed).toBe(false);
    });

    test('a non-unique index under the guard name does not hide the duplicates', async () => {
      await fixture.impostorGuard();
      const summary = await store.duplicateSummary({ from: d1, to: d1 });
      expect([summary.duplicateKeys, summary.duplicateRows]).toEqual([2, 3]);
    });
  });
}
