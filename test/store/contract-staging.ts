/**
 * Store contract: staging, the batch registry and the fenced merge of prediction batches
 * (stageBatch, mergeBatch, listBatches), and is_active maintenance when actuals arrive.
 */
import { describe, expect, test } from 'vitest';
import type { IsoDate, PredictionVersion, StoredPrediction } from '../../src/domain/types.js';
import { InputError, InternalError, LockLostError } from '../../src/errors.js';
import type { BatchRecord, DateFenceClaim, Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { actual, at, collect, rejectionOf, uid, version } from './fixtures.js';

const store = (id: string) => ({ mode: 'store', runId: id }) as const;

function claims(dates: readonly IsoDate[], runId = uid('run')): DateFenceClaim[] {
  return dates.map((gameDate) => ({ gameDate, claim: store(runId) }));
}

async function stage(s: Store, versions: PredictionVersion[], batchId = uid('batch')) {
  return s.stageBatch({ batchId, sha256: `sha-${batchId}`, holder: 'test-host:1/run', versions });
}

async function batchOf(s: Store, batchId: string): Promise<BatchRecord | undefined> {
  return (await s.listBatches()).find((b) => b.batchId === batchId);
}

async function versionsOf(s: Store, date: IsoDate): Promise<StoredPrediction[]> {
  return (await collect(s.streamPredictions(date))).items;
}

async function activeIds(s: Store, date: IsoDate): Promise<string[]> {
  return (await versionsOf(s, date))
    .filter((v) => v.isActive)
    .map((v) => v.predictionId)
    .sort();
}

/** Stage-and-merge tests. */
export function stagingContract(ctx: ContractContext): void {
  describe('stageBatch and the batch registry', () => {
    test('registers the batch and stages its versions; predictions are untouched until the merge', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      const versions = [version({ gameDate: d2 }), version({ gameDate: d1 })];
      const staged = await stage(ctx.store, versions);
      expect(staged.outcome).toBe('staged');
      expect(staged.batch).toMatchObject({ status: 'staged', rows: 2, dates: [d1, d2] });
      expect(staged.batch).toMatchObject({
        stagedRows: 2,
        mergedAt: null,
        holder: 'test-host:1/run',
      });
      expect(await versionsOf(ctx.store, d1)).toEqual([]);
    });

    test('the same id: same content resumes (then is a no-op once merged); other content is bad input', async () => {
      const date = ctx.nextDate();
      const versions = [version({ gameDate: date })];
      const { batch } = await stage(ctx.store, versions);
      expect((await stage(ctx.store, versions, batch.batchId)).outcome).toBe('resumed');
      await ctx.store.mergeBatch({
        batchId: batch.batchId,
        fences: claims([date]),
        keepStaging: false,
      });
      expect((await stage(ctx.store, versions, batch.batchId)).outcome).toBe('already_merged');
      const other = ctx.store.stageBatch({
        batchId: batch.batchId,
        sha256: 'another-sha',
        holder: 'h:1/r',
        versions,
      });
      expect(await rejectionOf(other)).toBeInstanceOf(InputError);
    });
  });

  describe('mergeBatch', () => {
    test('adds the versions, recomputes is_active, marks the batch merged and drops its staging', async () => {
      const date = ctx.nextDate();
      const gameId = uid('game');
      const early = version({ gameDate: date, gameId, createdAt: at(date, '10:00') });
      const later = version({
        gameDate: date,
        gameId,
        createdAt: at(date, '11:00'),
        lineValue: 21.5,
      });
      const { batch } = await stage(ctx.store, [early, later]);
      const result = await ctx.store.mergeBatch({
        batchId: batch.batchId,
        fences: claims([date]),
        keepStaging: false,
      });
      expect(result).toMatchObject({ outcome: 'merged', versionsAdded: 2, datesTouched: [date] });
      expect(result.fences).toEqual([{ gameDate: date, fence: expect.any(Number) }]);
      expect(await activeIds(ctx.store, date)).toEqual([later.predictionId]);
      const merged = await batchOf(ctx.store, batch.batchId);
      expect(merged).toMatchObject({ status: 'merged', versionsAdded: 2, stagedRows: 0 });
      expect(merged?.mergedAt).not.toBeNull();
      const again = await ctx.store.mergeBatch({
        batchId: batch.batchId,
        fences: claims([date]),
        keepStaging: false,
      });
      expect(again).toMatchObject({ outcome: 'already_merged', versionsAdded: 0 });
    });

    test('keepStaging keeps the staging rows; versions already stored (NULL lines too) are one version', async () => {
      const date = ctx.nextDate();
      const stored = version({ gameDate: date, lineValue: null, recommendation: 'NO_LINE' });
      await ctx.store.ingestPredictions([stored], uid('direct'));
      const repeat = { ...stored, predictionId: uid('other-id') };
      const fresh = version({ gameDate: date, playerLookup: 'p2' });
      const { batch } = await stage(ctx.store, [repeat, fresh]);
      const result = await ctx.store.mergeBatch({
        batchId: batch.batchId,
        fences: claims([date]),
        keepStaging: true,
      });
      expect(result.versionsAdded).toBe(1);
      expect(await batchOf(ctx.store, batch.batchId)).toMatchObject({
        status: 'merged',
        stagedRows: 2,
      });
      const ids = (await versionsOf(ctx.store, date)).map((v) => v.predictionId).sort();
      expect(ids).toEqual([stored.predictionId, fresh.predictionId].sort());
    });

    test('fenced: a lease token not above the stored fence is refused (stale_fence), nothing written', async () => {
      const date = ctx.nextDate();
      const first = await stage(ctx.store, [version({ gameDate: date })]);
      const lease = { mode: 'lease', token: 7, runId: 'run-7' } as const;
      await ctx.store.mergeBatch({
        batchId: first.batch.batchId,
        fences: [{ gameDate: date, claim: lease }],
        keepStaging: false,
      });
      expect(await ctx.store.readFence('predictions', date)).toEqual({ fence: 7, runId: 'run-7' });
      const second = await stage(ctx.store, [version({ gameDate: date, playerLookup: 'p2' })]);
      const before = await ctx.store.tableDigest('predictions', date);
      const stale = { mode: 'lease', token: 6, runId: 'run-6' } as const;
      const err = await rejectionOf(
        ctx.store.mergeBatch({
          batchId: second.batch.batchId,
          fences: [{ gameDate: date, claim: stale }],
          keepStaging: false,
        }),
      );
      expect(err).toBeInstanceOf(LockLostError);
      expect((err as LockLostError).reason).toBe('stale_fence');
      expect(await ctx.store.tableDigest('predictions', date)).toEqual(before);
      expect(await batchOf(ctx.store, second.batch.batchId)).toMatchObject({
        status: 'staged',
        stagedRows: 1,
      });
    });

    test('fences must cover exactly the batch dates; a lease lost before COMMIT rolls everything back', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      const { batch } = await stage(ctx.store, [
        version({ gameDate: d1 }),
        version({ gameDate: d2 }),
      ]);
      const partial = ctx.store.mergeBatch({
        batchId: batch.batchId,
        fences: claims([d1]),
        keepStaging: false,
      });
      expect(await rejectionOf(partial)).toBeInstanceOf(InternalError);
      const lost = new LockLostError('lease lost in a test', `consolidation_${d1}`, 'lock_lost');
      const aborted = ctx.store.mergeBatch({
        batchId: batch.batchId,
        fences: claims([d2, d1]),
        keepStaging: false,
        checkLease: () => {
          throw lost;
        },
      });
      expect(await rejectionOf(aborted)).toBe(lost);
      expect([...(await versionsOf(ctx.store, d1)), ...(await versionsOf(ctx.store, d2))]).toEqual(
        [],
      );
      expect(await batchOf(ctx.store, batch.batchId)).toMatchObject({
        status: 'staged',
        stagedRows: 2,
      });
    });

    test('a game stored under another date is bad input: the batch is marked failed, its staging kept', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      const gameId = uid('game');
      const { batch } = await stage(ctx.store, [version({ gameDate: d2, gameId })]);
      await ctx.store.upsertActuals([actual({ gameDate: d1, gameId })]);
      const err = await rejectionOf(
        ctx.store.mergeBatch({ batchId: batch.batchId, fences: claims([d2]), keepStaging: false }),
      );
      expect(err).toBeInstanceOf(InputError);
      expect(String((err as Error).message)).toContain(gameId);
      const failed = await batchOf(ctx.store, batch.batchId);
      expect(failed).toMatchObject({ status: 'failed', stagedRows: 1 });
      expect(failed?.error).toContain(gameId);
      expect(await versionsOf(ctx.store, d2)).toEqual([]);
    });

    test('two stores merging batches of one date at once: both merged, one active version per triple', async () => {
      const fixture = await ctx.fresh();
      await fixture.store.migrate();
      const [one, two] = [fixture.store, await fixture.openAnother()];
      const date = ctx.nextDate();
      const gameId = uid('game');
      const a = version({ gameDate: date, gameId, createdAt: at(date, '10:00') });
      const b = version({ gameDate: date, gameId, createdAt: at(date, '11:00'), lineValue: 25.5 });
      const [sa, sb] = [await stage(one, [a]), await stage(two, [b])];
      const results = await Promise.all([
        one.mergeBatch({ batchId: sa.batch.batchId, fences: claims([date]), keepStaging: false }),
        two.mergeBatch({ batchId: sb.batch.batchId, fences: claims([date]), keepStaging: false }),
      ]);
      expect(results.map((r) => r.outcome)).toEqual(['merged', 'merged']);
      expect(new Set(results.map((r) => r.fences[0]!.fence)).size).toBe(2);
      expect(await activeIds(one, date)).toEqual([b.predictionId]);
    });
  });

  describe('is_active when actuals arrive (after a merge)', () => {
    test('versions created after the start lose it, on-time ones take it; a later start gives it back', async () => {
      const date = ctx.nextDate();
      const base = { gameDate: date, gameId: uid('game') };
      const onTime = version({ ...base, createdAt: at(date, '18:00') });
      const late = version({ ...base, createdAt: at(date, '19:30'), lineValue: 22.5 });
      const { batch } = await stage(ctx.store, [onTime, late]);
      await ctx.store.mergeBatch({
        batchId: batch.batchId,
        fences: claims([date]),
        keepStaging: false,
      });
      expect(await activeIds(ctx.store, date)).toEqual([late.predictionId]);
      const started = await ctx.store.upsertActuals([
        actual({ ...base, gameStartAt: at(date, '19:00') }),
      ]);
      expect(started.datesTouched).toEqual([date]);
      expect(await activeIds(ctx.store, date)).toEqual([onTime.predictionId]);
      await ctx.store.upsertActuals([actual({ ...base, gameStartAt: at(date, '20:00') })]);
      expect(await activeIds(ctx.store, date)).toEqual([late.predictionId]);
    });
  });
}
