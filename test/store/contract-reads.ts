/** Store contract: streamAccuracy, readPerformance and tableDigest. */
import { describe, expect, test } from 'vitest';
import type { GradedRow, IsoDate } from '../../src/domain/types.js';
import type { Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import {
  actual,
  collect,
  graded,
  gradedRows,
  newRun,
  performance,
  uid,
  version,
} from './fixtures.js';

async function replace(
  store: Store,
  date: IsoDate,
  rows: GradedRow[],
  systems: string[] = ['sys_a'],
) {
  const run = await store.insertRun(newRun(date));
  return store.replacePartition({
    gameDate: date,
    runId: run.runId,
    fence: { mode: 'store', runId: run.runId },
    rows,
    performance: systems.map((systemId) => performance({ gameDate: date, systemId })),
    runPatch: { status: 'succeeded', finishedAt: 'now' },
  });
}

/** Read and digest tests. */
export function readsContract(ctx: ContractContext): void {
  describe('streamAccuracy and readPerformance', () => {
    test('stream a range in batches, optionally one system', async () => {
      const [d1, d2, d3] = [ctx.nextDate(), ctx.nextDate(), ctx.nextDate()];
      await replace(ctx.store, d1, [...gradedRows(d1, 6), ...gradedRows(d1, 2, 'sys_b')]);
      await replace(ctx.store, d2, gradedRows(d2, 5));
      await replace(ctx.store, d3, gradedRows(d3, 4));
      const all = await collect(ctx.store.streamAccuracy({ from: d1, to: d2 }, 4));
      expect(all.items).toHaveLength(13);
      expect(all.batches.every((n) => n <= 4)).toBe(true);
      expect(all.batches.slice(0, -1).every((n) => n === 4)).toBe(true);
      const onlyB = await collect(
        ctx.store.streamAccuracy({ from: d1, to: d3, systemId: 'sys_b' }),
      );
      expect(onlyB.items.map((r) => [r.gameDate, r.systemId])).toEqual([
        [d1, 'sys_b'],
        [d1, 'sys_b'],
      ]);
    });

    test('readPerformance filters by range and system and keeps values exactly', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      await replace(ctx.store, d1, gradedRows(d1, 1), ['sys_a', 'sys_b']);
      await replace(ctx.store, d2, gradedRows(d2, 1), ['sys_a']);
      const both = await ctx.store.readPerformance({ from: d1, to: d2 });
      expect(both.map((p) => [p.gameDate, p.systemId])).toEqual([
        [d1, 'sys_a'],
        [d1, 'sys_b'],
        [d2, 'sys_a'],
      ]);
      expect(both[0]).toEqual(performance({ gameDate: d1, systemId: 'sys_a' }));
      const one = await ctx.store.readPerformance({ from: d1, to: d2, systemId: 'sys_b' });
      expect(one).toEqual([performance({ gameDate: d1, systemId: 'sys_b' })]);
    });
  });

  describe('tableDigest', () => {
    test('a changed graded row changes the date digest; other dates keep theirs', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      const rows = gradedRows(d1, 3);
      await replace(ctx.store, d1, rows);
      await replace(ctx.store, d2, gradedRows(d2, 2));
      const [before1, before2] = [
        await ctx.store.tableDigest('prediction_accuracy', d1),
        await ctx.store.tableDigest('prediction_accuracy', d2),
      ];
      expect([before1.rows, before2.rows]).toEqual([3, 2]);
      expect(before1.sha256).toMatch(/^[0-9a-f]{64}$/);
      await replace(ctx.store, d1, [
        graded({ ...rows[0]!, predictedPoints: 22.2 }),
        ...rows.slice(1),
      ]);
      const after1 = await ctx.store.tableDigest('prediction_accuracy', d1);
      expect(after1.rows).toBe(3);
      expect(after1.sha256).not.toBe(before1.sha256);
      expect(await ctx.store.tableDigest('prediction_accuracy', d2)).toEqual(before2);
    });

    test('input digests change with content and not with a repeated ingest', async () => {
      const date = ctx.nextDate();
      const v = version({ gameDate: date });
      const a = actual({ gameDate: date, gameId: uid('game') });
      await ctx.store.ingestPredictions([v], 'b');
      await ctx.store.upsertActuals([a]);
      const predictions = await ctx.store.tableDigest('predictions', date);
      const actuals = await ctx.store.tableDigest('actuals', date);
      await ctx.store.ingestPredictions([v], 'again');
      await ctx.store.upsertActuals([a]);
      expect(await ctx.store.tableDigest('predictions', date)).toEqual(predictions);
      expect(await ctx.store.tableDigest('actuals', date)).toEqual(actuals);
      await ctx.store.upsertActuals([{ ...a, points: (a.points ?? 0) + 1 }]);
      const changed = await ctx.store.tableDigest('actuals', date);
      expect(changed.rows).toBe(1);
      expect(changed.sha256).not.toBe(actuals.sha256);
    });

    test('whole-table digests count every row; the ledger and performance tables can be digested', async () => {
      const date = ctx.nextDate();
      const before = await ctx.store.tableDigest('grading_runs');
      await replace(ctx.store, date, gradedRows(date, 1));
      const after = await ctx.store.tableDigest('grading_runs');
      expect(after.rows).toBe(before.rows + 1);
      expect((await ctx.store.tableDigest('system_daily_performance', date)).rows).toBe(1);
    });
  });
}
