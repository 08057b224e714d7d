/** Store contract: the reads of the daily check (game facts, graded counts, prediction dates, active duplicates). */
import { describe, expect, test } from 'vitest';
import type { IsoDate } from '../../src/domain/types.js';
import type { Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { actual, at, gradedRows, newRun, version } from './fixtures.js';

async function grade(store: Store, date: IsoDate, rows: number) {
  const run = await store.insertRun(newRun(date));
  await store.replacePartition({
    gameDate: date,
    runId: run.runId,
    fence: { mode: 'store', runId: run.runId },
    rows: gradedRows(date, rows),
    performance: [],
    runPatch: { status: 'succeeded', finishedAt: 'now' },
  });
}

/** Daily-check read tests. */
export function checksContract(ctx: ContractContext): void {
  describe('daily-check reads', () => {
    test('gameFacts: active predictions (superseded and withdrawn left out), actual rows, postponed rows', async () => {
      const date = ctx.nextDate();
      const [g1, g2, g3] = ['g1', 'g2', 'g3'].map((g) => `${g}-${date}`);
      await ctx.store.ingestPredictions(
        [
          version({ gameDate: date, gameId: g1, playerLookup: 'a', createdAt: at(date, '10:00') }),
          version({ gameDate: date, gameId: g1, playerLookup: 'a', createdAt: at(date, '11:00') }),
          version({ gameDate: date, gameId: g1, playerLookup: 'b' }),
          version({ gameDate: date, gameId: g2, playerLookup: 'c' }),
          version({ gameDate: date, gameId: g2, playerLookup: 'd', isWithdrawn: true }),
        ],
        'batch-facts',
      );
      await ctx.store.upsertActuals([
        actual({ gameDate: date, gameId: g1, playerLookup: 'a' }),
        actual({ gameDate: date, gameId: g1, playerLookup: 'b' }),
        actual({ gameDate: date, gameId: g3, playerLookup: 'x', gameStatus: 'postponed' }),
      ]);
      expect(await ctx.store.gameFacts({ from: date, to: date })).toEqual([
        { gameDate: date, gameId: g1, activePredictions: 2, actualRows: 2, postponedRows: 0 },
        { gameDate: date, gameId: g2, activePredictions: 1, actualRows: 0, postponedRows: 0 },
        { gameDate: date, gameId: g3, activePredictions: 0, actualRows: 1, postponedRows: 1 },
      ]);
      expect(await ctx.store.gameFacts({ from: '2099-01-01', to: '2099-01-02' })).toEqual([]);
    });

    test('gradedRowCounts counts rows per date of the range', async () => {
      const [d1, d2, d3] = [ctx.nextDate(), ctx.nextDate(), ctx.nextDate()];
      await grade(ctx.store, d1, 3);
      await grade(ctx.store, d3, 5);
      const counts = await ctx.store.gradedRowCounts({ from: d1, to: d3 });
      expect([...counts.entries()].sort()).toEqual([
        [d1, 3],
        [d3, 5],
      ]);
      expect(counts.has(d2)).toBe(false);
      expect([...(await ctx.store.gradedRowCounts({ from: d2, to: d2 })).keys()]).toEqual([]);
    });

    test('predictionDatesBefore: the newest dates with predictions strictly before, newest first', async () => {
      const fixture = await ctx.fresh();
      await fixture.store.migrate();
      const dates = ['2032-03-01', '2032-03-02', '2032-03-04', '2032-03-07'];
      await fixture.store.ingestPredictions(
        dates.map((d) => version({ gameDate: d })),
        'batch-dates',
      );
      expect(await fixture.store.predictionDatesBefore('2032-03-07', 2)).toEqual([
        '2032-03-04',
        '2032-03-02',
      ]);
      expect(await fixture.store.predictionDatesBefore('2032-03-08', 10)).toEqual(
        [...dates].reverse(),
      );
      expect(await fixture.store.predictionDatesBefore('2032-03-01', 10)).toEqual([]);
    });

    test('activeDuplicates is empty while source selection keeps one active version per triple', async () => {
      const date = ctx.nextDate();
      await ctx.store.ingestPredictions(
        [
          version({ gameDate: date, createdAt: at(date, '09:00') }),
          version({ gameDate: date, createdAt: at(date, '10:00'), lineValue: 21.5 }),
        ],
        'batch-active',
      );
      expect(await ctx.store.activeDuplicates({ from: date, to: date })).toEqual({
        triples: 0,
        top: [],
      });
    });
  });
}
