/** Store contract: openDateSnapshot — grading order, consistency while others write, re-reads. */
import { describe, expect, test } from 'vitest';
import { compareTriples } from '../../src/domain/triple-runs.js';
import type { IsoDate, PredictionVersion } from '../../src/domain/types.js';
import type { DateSnapshot } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { actual, collect, version } from './fixtures.js';

/** Identifiers whose byte order differs from locale order and from UTF-16 code-unit order. */
const PLAYERS = ['zed', 'Zed', 'ábel', 'abel', 'a b', '😀x', '\uffefy', 'b'];

function mixedVersions(date: IsoDate): PredictionVersion[] {
  const out: PredictionVersion[] = [];
  for (const playerLookup of PLAYERS) {
    for (const systemId of ['sys_b', 'SYS_a', 'sys_a']) {
      const gameId = `${systemId === 'sys_b' ? 'g1' : 'g0'}-${date}`;
      out.push(version({ gameDate: date, playerLookup, systemId, gameId }));
    }
  }
  out.push(version({ gameDate: date, playerLookup: 'b', systemId: 'sys_a', lineValue: null }));
  out.push(version({ gameDate: date, playerLookup: 'abel', isWithdrawn: true }));
  return out.reverse();
}

async function idsOf(snapshot: DateSnapshot, batchSize?: number) {
  const { items, batches } = await collect(snapshot.versions(batchSize));
  return { items, batches, ids: items.map((v) => v.predictionId) };
}

/** Snapshot tests. */
export function snapshotContract(ctx: ContractContext): void {
  describe('openDateSnapshot', () => {
    test('streams every version of the date (withdrawn included) in byte order of (game, player, system)', async () => {
      const [date, other] = [ctx.nextDate(), ctx.nextDate()];
      const versions = mixedVersions(date);
      await ctx.store.ingestPredictions([...versions, version({ gameDate: other })], 'b');
      await ctx.store.upsertActuals([actual({ gameDate: date, gameId: `g0-${date}` })]);
      const snapshot = await ctx.store.openDateSnapshot(date);
      try {
        const { items, batches } = await idsOf(snapshot, 4);
        expect(items).toHaveLength(versions.length);
        expect(snapshot.versionCount).toBe(versions.length);
        expect(new Set(items.map((v) => v.predictionId))).toEqual(
          new Set(versions.map((v) => v.predictionId)),
        );
        for (let i = 1; i < items.length; i++) {
          expect(compareTriples(items[i - 1]!, items[i]!)).toBeLessThanOrEqual(0);
        }
        expect(batches.every((n) => n <= 4)).toBe(true);
        const byId = new Map(versions.map((v) => [v.predictionId, v]));
        for (const item of items) expect(item).toEqual(byId.get(item.predictionId));
        expect(snapshot.actuals.map((a) => a.gameId)).toEqual([`g0-${date}`]);
      } finally {
        await snapshot.close();
      }
    });

    test('control: plain code-unit order would differ from the order the snapshot uses', () => {
      const sorted = [...PLAYERS].sort();
      const bytes = [...PLAYERS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      expect(sorted).not.toEqual(bytes);
    });

    test('every pass sees the snapshot: versions and actuals written after it opened are not in it', async () => {
      const date = ctx.nextDate();
      await ctx.store.ingestPredictions(mixedVersions(date), 'b');
      const snapshot = await ctx.store.openDateSnapshot(date);
      try {
        const first = await idsOf(snapshot);
        await ctx.store.ingestPredictions([version({ gameDate: date, playerLookup: 'x' })], 'c');
        await ctx.store.upsertActuals([actual({ gameDate: date })]);
        const second = await idsOf(snapshot);
        expect(second.ids).toEqual(first.ids);
        expect(snapshot.actuals).toEqual([]);
        expect(snapshot.versionCount).toBe(first.ids.length);
      } finally {
        await snapshot.close();
      }
      const after = await ctx.store.openDateSnapshot(date);
      try {
        expect((await idsOf(after)).ids).toHaveLength(mixedVersions(date).length + 1);
        expect(after.actuals).toHaveLength(1);
        expect(after.versionCount).toBe(mixedVersions(date).length + 1);
      } finally {
        await after.close();
        await after.close();
      }
    });
  });
}
