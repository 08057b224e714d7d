/**
 * Store contract: the service history methods (validation listing, ledger aggregates for
 * /metrics, alert counts, per-date duplicate keys). Each part runs on its own fresh location so
 * that counts over the whole ledger are exact.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { GradedRow, IsoDate } from '../../src/domain/types.js';
import type { RunAggregate, Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { graded, ISO_MS, newRun } from './fixtures.js';

const BOUNDS = [100, 1000, 3_600_000] as const;

async function freshStore(ctx: ContractContext, dropGuard = false): Promise<Store> {
  const fixture = await ctx.fresh();
  await fixture.store.migrate();
  if (dropGuard) await fixture.dropGuard();
  return fixture.store;
}

function groupOf(aggregates: RunAggregate[], trigger: string, status: string): RunAggregate {
  const found = aggregates.find((a) => a.trigger === trigger && a.status === status);
  if (!found) throw new Error(`no aggregate for ${trigger}/${status}`);
  return found;
}

function validationsContract(ctx: ContractContext): void {
  test('listValidations lists stored results newest first, filtered by kind, limited', async () => {
    const store = await freshStore(ctx);
    const ids = [
      await store.insertValidation({
        kind: 'post_write',
        runId: 'r1',
        from: '2031-01-01',
        to: '2031-01-01',
        status: 'ok',
        result: { duplicateKeys: 0, top: [] },
      }),
      await store.insertValidation({
        kind: 'daily_check',
        runId: null,
        from: '2031-01-01',
        to: '2031-01-07',
        status: 'critical',
        result: { checks: [{ name: 'freshness', status: 'critical', count: 2 }] },
      }),
    ];
    const all = await store.listValidations();
    expect(all.map((v) => v.validationId).sort()).toEqual([...ids].sort());
    expect(all[0]!.createdAt >= all[1]!.createdAt).toBe(true);
    const daily = await store.listValidations({ kind: 'daily_check' });
    expect(daily).toEqual([
      {
        validationId: ids[1],
        kind: 'daily_check',
        runId: null,
        from: '2031-01-01',
        to: '2031-01-07',
        status: 'critical',
        result: { checks: [{ name: 'freshness', status: 'critical', count: 2 }] },
        createdAt: expect.stringMatching(ISO_MS),
      },
    ]);
    expect(await store.listValidations({ limit: 1 })).toHaveLength(1);
  });
}

async function finishedRun(
  store: Store,
  date: IsoDate,
  fields: Parameters<Store['updateRun']>[1],
  overrides: Parameters<typeof newRun>[1] = {},
): Promise<void> {
  const run = newRun(date, overrides);
  await store.insertRun(run);
  await store.updateRun(run.runId, { ...fields, finishedAt: 'now' });
}

function aggregatesContract(ctx: ContractContext): void {
  describe('runAggregates', () => {
    let aggregates: RunAggregate[] = [];
    beforeAll(async () => {
      const store = await freshStore(ctx);
      const locked = { lockMode: 'sqlite' as const };
      for (const wait of [50, 500])
        await finishedRun(
          store,
          '2031-02-01',
          {
            status: 'succeeded',
            lockAcquiredAt: 'now',
            rowsWritten: 10,
            duplicateKeys: 2,
            lockWaitMs: wait,
          },
          locked,
        );
      await finishedRun(
        store,
        '2031-02-01',
        { status: 'lock_timeout', lockWaitMs: 5000 },
        {
          ...locked,
          trigger: 'api',
        },
      );
      await finishedRun(
        store,
        '2031-02-02',
        { status: 'succeeded', rowsWritten: 3 },
        {
          trigger: 'api',
          lockMode: 'none',
        },
      );
      await store.insertRun(newRun('2031-02-03', { trigger: 'api' }));
      aggregates = await store.runAggregates(BOUNDS);
    });

    test('groups the whole ledger by trigger and status with sums', () => {
      expect(aggregates.map((a) => `${a.trigger}/${a.status}/${a.runs}`).sort()).toEqual([
        'api/lock_timeout/1',
        'api/running/1',
        'api/succeeded/1',
        'manual/succeeded/2',
      ]);
      expect(groupOf(aggregates, 'manual', 'succeeded')).toMatchObject({
        rowsWritten: 20,
        duplicateKeys: 4,
      });
      expect(groupOf(aggregates, 'api', 'running')).toMatchObject({
        rowsWritten: 0,
        duplicateKeys: 0,
      });
    });

    test('lock waits fall into cumulative buckets with their exact sum', () => {
      expect(groupOf(aggregates, 'manual', 'succeeded').lockWait).toEqual({
        count: 2,
        sumMs: 550,
        buckets: [1, 2, 2],
      });
      expect(groupOf(aggregates, 'api', 'lock_timeout').lockWait).toEqual({
        count: 1,
        sumMs: 5000,
        buckets: [0, 0, 1],
      });
    });

    test('durations count finished runs; holds need a lease or --lock none', () => {
      const manual = groupOf(aggregates, 'manual', 'succeeded');
      expect(manual.duration.count).toBe(2);
      expect(manual.duration.buckets[2]).toBe(2);
      expect(manual.duration.sumMs).toBeGreaterThanOrEqual(0);
      expect(manual.hold.count).toBe(2);
      expect(groupOf(aggregates, 'api', 'lock_timeout').hold.count).toBe(0);
      expect(groupOf(aggregates, 'api', 'succeeded').hold.count).toBe(1);
      expect(groupOf(aggregates, 'api', 'running').duration).toEqual({
        count: 0,
        sumMs: 0,
        buckets: [0, 0, 0],
      });
    });
  });
}

function copies(row: GradedRow, n: number): GradedRow[] {
  return Array.from({ length: n }, (_, i) => ({
    ...row,
    predictionId: `${row.predictionId}-${i}`,
  }));
}

async function replace(store: Store, date: IsoDate, rows: GradedRow[]): Promise<void> {
  const run = await store.insertRun(newRun(date));
  await store.replacePartition({
    gameDate: date,
    runId: run.runId,
    fence: { mode: 'store', runId: run.runId },
    rows,
    performance: [],
    runPatch: { status: 'succeeded' },
  });
}

function duplicatesContract(ctx: ContractContext): void {
  test('duplicatesByDate counts NULL-safe keys per date within the range', async () => {
    const store = await freshStore(ctx, true);
    const [d1, d2] = ['2031-03-01', '2031-03-02'];
    const noLine = graded({ gameDate: d1, gameId: 'g1', playerLookup: 'a', lineValue: null });
    const withLine = graded({ gameDate: d1, gameId: 'g1', playerLookup: 'b', lineValue: 20.5 });
    await replace(store, d1, [
      ...copies(noLine, 3),
      ...copies(withLine, 2),
      graded({ gameDate: d1, gameId: 'g1', playerLookup: 'c' }),
    ]);
    await replace(store, d2, [graded({ gameDate: d2, gameId: 'g2', lineValue: null })]);
    expect(await store.duplicatesByDate({})).toEqual([
      { gameDate: d1, rows: 6, uniqueKeys: 3, duplicateKeys: 2, duplicateRows: 3 },
      { gameDate: d2, rows: 1, uniqueKeys: 1, duplicateKeys: 0, duplicateRows: 0 },
    ]);
    expect(await store.duplicatesByDate({ from: d2, to: d2 })).toHaveLength(1);
  });
}

/** Service history tests. */
export function historyContract(ctx: ContractContext): void {
  describe('service history', () => {
    validationsContract(ctx);
    aggregatesContract(ctx);
    duplicatesContract(ctx);
    test('alertCounts is empty on a fresh store', async () => {
      const store = await freshStore(ctx);
      expect(await store.alertCounts()).toEqual([]);
    });
  });
}
