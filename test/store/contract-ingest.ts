/** Store contract: ingest of prediction versions, is_active maintenance, streamPredictions. */
import { describe, expect, test } from 'vitest';
import type { IsoDate, StoredPrediction } from '../../src/domain/types.js';
import type { Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { actual, at, collect, ISO_MS, uid, version } from './fixtures.js';

async function versionsOf(store: Store, date: IsoDate): Promise<StoredPrediction[]> {
  return (await collect(store.streamPredictions(date))).items;
}

async function activeIds(store: Store, date: IsoDate): Promise<string[]> {
  return (await versionsOf(store, date)).filter((v) => v.isActive).map((v) => v.predictionId);
}

/** Ingest and stream tests. */
export function ingestContract(ctx: ContractContext): void {
  describe('ingestPredictions', () => {
    test('stores versions once: a repeated ingest adds nothing and keeps the first batch id', async () => {
      const date = ctx.nextDate();
      const versions = [
        version({ gameDate: date }),
        version({ gameDate: date, playerLookup: 'p2' }),
      ];
      const first = await ctx.store.ingestPredictions(versions, 'batch-1');
      expect(first).toEqual({ versionsAdded: 2, datesTouched: [date] });
      const again = await ctx.store.ingestPredictions(versions, 'batch-2');
      expect(again.versionsAdded).toBe(0);
      const stored = await versionsOf(ctx.store, date);
      expect(stored).toHaveLength(2);
      expect(stored.every((v) => v.batchId === 'batch-1' && ISO_MS.test(v.firstSeenAt))).toBe(true);
    });

    test('the same business key and created_at under two prediction ids is one version (NULL lines too)', async () => {
      const date = ctx.nextDate();
      const withLine = version({ gameDate: date });
      const noLine = version({
        gameDate: date,
        playerLookup: 'p2',
        lineValue: null,
        recommendation: 'NO_LINE',
      });
      const result = await ctx.store.ingestPredictions(
        [
          withLine,
          { ...withLine, predictionId: uid('dup') },
          noLine,
          { ...noLine, predictionId: uid('dup') },
        ],
        'b',
      );
      expect(result.versionsAdded).toBe(2);
      const ids = (await versionsOf(ctx.store, date)).map((v) => v.predictionId).sort();
      expect(ids).toEqual([withLine.predictionId, noLine.predictionId].sort());
    });

    test('stored versions keep every field exactly (doubles, NULLs, timestamps, flags)', async () => {
      const date = ctx.nextDate();
      const v = version({
        gameDate: date,
        lineValue: null,
        predictedPoints: 0.1 + 0.7,
        confidenceScore: null,
        recommendation: 'PASS',
        modelVersion: null,
        oddsAmerican: null,
        playerLookup: 'o\'neal, "shaq" Ünicode',
        createdAt: '2030-01-01T23:59:59.999Z',
      });
      await ctx.store.ingestPredictions([v], 'b');
      const [stored] = await versionsOf(ctx.store, date);
      const { isActive, batchId, firstSeenAt, ...fields } = stored!;
      expect(fields).toEqual(v);
      expect([isActive, batchId]).toEqual([true, 'b']);
      expect(firstSeenAt).toMatch(ISO_MS);
    });

    test('is_active: newest version wins; withdrawn never; late versions lose once actuals bring a start time', async () => {
      const date = ctx.nextDate();
      const base = { gameDate: date, gameId: uid('game') };
      const early = version({ ...base, createdAt: at(date, '10:00') });
      const later = version({ ...base, createdAt: at(date, '11:00'), lineValue: 21.5 });
      await ctx.store.ingestPredictions([early, later], 'b1');
      expect(await activeIds(ctx.store, date)).toEqual([later.predictionId]);
      const withdrawn = version({ ...base, createdAt: at(date, '12:00'), isWithdrawn: true });
      await ctx.store.ingestPredictions([withdrawn], 'b2');
      expect(await activeIds(ctx.store, date)).toEqual([later.predictionId]);
      const touched = await ctx.store.upsertActuals([
        actual({ ...base, gameStartAt: at(date, '10:30') }),
      ]);
      expect(touched.datesTouched).toContain(date);
      expect(await activeIds(ctx.store, date)).toEqual([early.predictionId]);
    });

    test('a version created exactly at the start is on time; only one version is active per triple', async () => {
      const date = ctx.nextDate();
      const base = { gameDate: date, gameId: uid('game') };
      await ctx.store.upsertActuals([actual({ ...base, gameStartAt: at(date, '19:00') })]);
      const onTime = version({ ...base, createdAt: at(date, '19:00') });
      const late = version({ ...base, createdAt: at(date, '19:01') });
      const otherSystem = version({ ...base, systemId: 'sys_b', createdAt: at(date, '09:00') });
      await ctx.store.ingestPredictions([onTime, late, otherSystem], 'b');
      expect((await activeIds(ctx.store, date)).sort()).toEqual(
        [onTime.predictionId, otherSystem.predictionId].sort(),
      );
    });

    test('datesTouched lists each date with new versions once, sorted', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      const result = await ctx.store.ingestPredictions(
        [
          version({ gameDate: d2 }),
          version({ gameDate: d1 }),
          version({ gameDate: d2, playerLookup: 'x' }),
        ],
        'b',
      );
      expect(result).toEqual({ versionsAdded: 3, datesTouched: [d1, d2] });
    });
  });

  describe('streamPredictions', () => {
    test('yields every version of the date (withdrawn included) in batches of the given size', async () => {
      const date = ctx.nextDate();
      const versions = Array.from({ length: 25 }, (_, i) =>
        version({ gameDate: date, playerLookup: `p${i}`, isWithdrawn: i === 3 }),
      );
      await ctx.store.ingestPredictions(versions, 'b');
      await ctx.store.ingestPredictions([version({ gameDate: ctx.nextDate() })], 'other-date');
      const { items, batches } = await collect(ctx.store.streamPredictions(date, 10));
      expect(batches).toEqual([10, 10, 5]);
      expect(items.map((v) => v.predictionId).sort()).toEqual(
        versions.map((v) => v.predictionId).sort(),
      );
      expect(items.filter((v) => v.isWithdrawn)).toHaveLength(1);
    });

    test('a date without versions yields nothing', async () => {
      const { items } = await collect(ctx.store.streamPredictions(ctx.nextDate(), 5));
      expect(items).toEqual([]);
    });
  });
}
