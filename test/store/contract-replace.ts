/** Store contract: the fenced, atomic replacePartition. */
import { describe, expect, test } from 'vitest';
import type { DailyPerformance, GradedRow, IsoDate } from '../../src/domain/types.js';
import { exitCodeFor, LockLostError } from '../../src/errors.js';
import type { ReplacePartitionRequest, Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { collect, graded, gradedRows, newRun, performance, rejectionOf } from './fixtures.js';

/** Everything a write may change for one date, to compare before and after a refused write. */
async function snapshot(store: Store, date: IsoDate, runId: string) {
  return {
    accuracy: await store.tableDigest('prediction_accuracy', date),
    performance: await store.readPerformance({ from: date, to: date }),
    fence: await store.readFence('prediction_accuracy', date),
    run: await store.getRun(runId),
  };
}

interface WriteOptions {
  /** A lease token (claimed for `claimRunId`, default this write's run); none: store mode. */
  token?: number;
  claimRunId?: string;
  rows?: GradedRow[];
  performance?: DailyPerformance[];
  checkLease?: () => void;
}

/** Insert a run and build its replace request. */
async function prepareWrite(store: Store, date: IsoDate, opts: WriteOptions = {}) {
  const run = await store.insertRun(newRun(date));
  const claimRunId = opts.claimRunId ?? run.runId;
  const req: ReplacePartitionRequest = {
    gameDate: date,
    runId: run.runId,
    fence:
      opts.token === undefined
        ? { mode: 'store', runId: run.runId }
        : { mode: 'lease', token: opts.token, runId: claimRunId },
    rows: opts.rows ?? gradedRows(date, 3),
    performance: opts.performance ?? [performance({ gameDate: date })],
    runPatch: { status: 'succeeded', finishedAt: 'now' },
    checkLease: opts.checkLease,
  };
  return { run, req };
}

/** Write and wait for the result. */
async function write(store: Store, date: IsoDate, opts: WriteOptions = {}) {
  const prepared = await prepareWrite(store, date, opts);
  return { ...prepared, result: await store.replacePartition(prepared.req) };
}

/** A write that must be refused: returns the error and whether anything changed. */
async function refusedWrite(store: Store, date: IsoDate, opts: WriteOptions) {
  const { run, req } = await prepareWrite(store, date, opts);
  const before = await snapshot(store, date, run.runId);
  const error = await rejectionOf(store.replacePartition(req));
  const after = await snapshot(store, date, run.runId);
  return { error, before, after };
}

/** replacePartition tests. */
export function replaceContract(ctx: ContractContext): void {
  describe('replacePartition', () => {
    test('a lease token writes the rows with one graded_at, the run id and the token', async () => {
      const date = ctx.nextDate();
      const rows = [...gradedRows(date, 4), graded({ gameDate: date, lineValue: null })];
      const { run, result } = await write(ctx.store, date, { rows, token: 5 });
      expect(result).toMatchObject({ rowsDeleted: 0, rowsWritten: 5, fenceToken: 5 });
      const stored = (await collect(ctx.store.streamAccuracy({ from: date, to: date }))).items;
      expect(stored).toHaveLength(5);
      expect(new Set(stored.map((r) => r.gradedAt))).toEqual(new Set([result.gradedAt]));
      expect(stored.every((r) => r.runId === run.runId && r.fenceToken === 5)).toBe(true);
      expect(await ctx.store.readFence('prediction_accuracy', date)).toEqual({
        fence: 5,
        runId: run.runId,
      });
    });

    test('a second write replaces rows and performance, patches its run; fields round-trip', async () => {
      const date = ctx.nextDate();
      await write(ctx.store, date, { token: 1 });
      const awkward = {
        playerLookup: 'o\'neal, "shaq" ünï',
        teamAbbr: '',
        opponentTeamAbbr: '\\N',
        modelVersion: 'm,1\n\\.\r\nend',
        predictionId: 'id;DROP TABLE x;--',
      };
      const rows = [
        graded({
          gameDate: date,
          isVoided: true,
          voidReason: 'dnp_unknown',
          actualPoints: null,
          ...awkward,
        }),
      ];
      const perf = [performance({ gameDate: date, systemId: 'sys_new', hitRate: null, roi: null })];
      const second = await write(ctx.store, date, { rows, performance: perf, token: 2 });
      expect(second.result).toMatchObject({ rowsDeleted: 3, rowsWritten: 1, fenceToken: 2 });
      const [stored] = (await collect(ctx.store.streamAccuracy({ from: date, to: date }))).items;
      const { gradedAt, runId, fenceToken, ...fields } = stored!;
      expect(fields).toEqual(rows[0]);
      expect([gradedAt, runId, fenceToken]).toEqual([second.result.gradedAt, second.run.runId, 2]);
      expect(await ctx.store.readPerformance({ from: date, to: date })).toEqual(perf);
      const run = await ctx.store.getRun(second.run.runId);
      expect(run).toMatchObject({
        status: 'succeeded',
        fenceToken: 2,
        rowsWritten: 1,
        rowsDeleted: 3,
      });
      expect(run!.finishedAt).not.toBeNull();
    });

    test('a lower token is refused with stale_fence and nothing changes', async () => {
      const date = ctx.nextDate();
      await write(ctx.store, date, { token: 4 });
      const { error, before, after } = await refusedWrite(ctx.store, date, {
        token: 3,
        rows: gradedRows(date, 1),
      });
      expect(error).toBeInstanceOf(LockLostError);
      expect((error as LockLostError).reason).toBe('stale_fence');
      expect(exitCodeFor(error)).toBe(5);
      expect(after).toEqual(before);
      expect(after.accuracy.rows).toBe(3);
      expect(after.run).toMatchObject({ status: 'running', finishedAt: null, fenceToken: null });
    });

    test('a bumped fence (force release) makes the old token stale', async () => {
      const date = ctx.nextDate();
      const first = await write(ctx.store, date, { token: 6 });
      await ctx.store.bumpFence('prediction_accuracy', date, null);
      const late = await refusedWrite(ctx.store, date, { token: 6, claimRunId: first.run.runId });
      expect((late.error as LockLostError).reason).toBe('stale_fence');
      expect(late.after).toEqual(late.before);
    });

    test('an equal token is accepted for the same run and refused for another run', async () => {
      const date = ctx.nextDate();
      const first = await write(ctx.store, date, { token: 3 });
      const retry = await ctx.store.replacePartition({ ...first.req, rows: gradedRows(date, 2) });
      expect(retry).toMatchObject({ fenceToken: 3, rowsDeleted: 3, rowsWritten: 2 });
      const other = await refusedWrite(ctx.store, date, { token: 3 });
      expect((other.error as LockLostError).reason).toBe('stale_fence');
      expect(other.after).toEqual(other.before);
    });

    test('store mode issues the stored fence + 1 and records it on the run', async () => {
      const date = ctx.nextDate();
      await ctx.store.bumpFence('prediction_accuracy', date, null);
      await ctx.store.bumpFence('prediction_accuracy', date, null);
      const { run, result } = await write(ctx.store, date);
      expect(result.fenceToken).toBe(3);
      expect((await ctx.store.getRun(run.runId))!.fenceToken).toBe(3);
      expect(await ctx.store.readFence('prediction_accuracy', date)).toEqual({
        fence: 3,
        runId: run.runId,
      });
    });

    test('a checkLease that throws before commit rolls everything back', async () => {
      const date = ctx.nextDate();
      await write(ctx.store, date);
      const lost = new LockLostError('lease lost', `grading_${date}`, 'lock_lost');
      const { error, before, after } = await refusedWrite(ctx.store, date, {
        token: 100,
        rows: gradedRows(date, 7),
        performance: [performance({ gameDate: date, systemId: 'other' })],
        checkLease: () => {
          throw lost;
        },
      });
      expect(error).toBe(lost);
      expect(after).toEqual(before);
    });

    test('a multi-chunk write checks the lease between chunks; a loss mid-way leaves the date old', async () => {
      const date = ctx.nextDate();
      let calls = 0;
      const whole = await write(ctx.store, date, {
        rows: gradedRows(date, 45_000),
        checkLease: () => void calls++,
      });
      expect(whole.result.rowsWritten).toBe(45_000);
      expect(calls).toBeGreaterThanOrEqual(3);
      let allowed = 1;
      const doomed = await refusedWrite(ctx.store, date, {
        rows: gradedRows(date, 45_000, 'sys_b'),
        checkLease: () => {
          if (allowed-- <= 0)
            throw new LockLostError('lost mid-way', `grading_${date}`, 'lock_lost');
        },
      });
      expect(doomed.error).toBeInstanceOf(LockLostError);
      expect(doomed.after).toEqual(doomed.before);
      const { items } = await collect(ctx.store.streamAccuracy({ from: date, to: date }));
      expect(items).toHaveLength(45_000);
      expect(new Set(items.map((r) => r.systemId))).toEqual(new Set(['sys_a']));
    });

    test('with the guard installed, duplicate keys in one write are refused (exit 6) and nothing changes', async () => {
      const date = ctx.nextDate();
      await write(ctx.store, date);
      const twin = graded({ gameDate: date, lineValue: null, recommendation: 'NO_LINE' });
      const dup = await refusedWrite(ctx.store, date, {
        rows: [twin, { ...twin, predictionId: 'another' }],
      });
      expect(exitCodeFor(dup.error)).toBe(6);
      expect(dup.after).toEqual(dup.before);
      expect(dup.after.accuracy.rows).toBe(3);
    });
  });
}
