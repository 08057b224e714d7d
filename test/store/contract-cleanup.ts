/**
 * Store contract: the cleanup methods (appendAccuracy, keyCounts, backups, dedupeDates,
 * restoreBackup, listMaintenance). The guard is table-wide state, so every test takes a fresh
 * location.
 */
import { describe, expect, test } from 'vitest';
import type { AccuracyRow, IsoDate } from '../../src/domain/types.js';
import { exitCodeFor } from '../../src/errors.js';
import {
  type AccuracyRowRef,
  BACKUP_TABLE_PATTERN,
  type DateFenceClaim,
  type DeletionChooser,
  type PerformanceRecompute,
  type Store,
} from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { graded, performance, rejectionOf } from './fixtures.js';

const [D1, D2] = ['2032-03-01', '2032-03-02'];

/** A stored row: a graded row of D1 with its stamps. */
function stored(overrides: Partial<AccuracyRow> = {}): AccuracyRow {
  return {
    ...graded({ gameDate: D1 }),
    gradedAt: '2032-03-02T08:00:00.000Z',
    runId: 'run-a',
    fenceToken: 7,
    ...overrides,
  };
}

function storeClaims(dates: IsoDate[]): DateFenceClaim[] {
  return dates.map((gameDate) => ({ gameDate, claim: { mode: 'store', runId: 'op-1' } }));
}

/** A recompute that reports how many rows it saw per date, as `predictions`. */
const countingRecompute: PerformanceRecompute = async (gameDate, batches) => {
  let rows = 0;
  for await (const batch of batches) rows += batch.length;
  return [performance({ gameDate, predictions: rows })];
};

async function append(
  store: Store,
  rows: AccuracyRow[],
  opts: { repeat?: boolean; drop?: boolean } = {},
) {
  return store.appendAccuracy({
    fences: storeClaims([...new Set(rows.map((r) => r.gameDate))]),
    rows,
    rowsRepeatKeys: opts.repeat ?? false,
    allowGuardDrop: opts.drop ?? false,
    recompute: countingRecompute,
    log: { action: 'import', details: { operationId: 'op-1' } },
  });
}

function byPredictionId(rows: AccuracyRow[]): AccuracyRow[] {
  return [...rows].sort((a, b) => (a.predictionId ?? '').localeCompare(b.predictionId ?? ''));
}

async function rowsOf(store: Store, dates?: IsoDate[]): Promise<AccuracyRow[]> {
  const out: AccuracyRow[] = [];
  for await (const batch of store.streamAccuracy({})) out.push(...batch);
  return byPredictionId(dates ? out.filter((r) => dates.includes(r.gameDate)) : out);
}

async function* oneBatch<T>(items: T[]): AsyncGenerator<T[]> {
  yield items;
}

/** Two rows of a NULL-line key, three of a 20.5 key, one clean key on D1; a clean key on D2. */
const DUPLICATED: AccuracyRow[] = [
  stored({ playerLookup: 'a', lineValue: null, predictionId: 'a1' }),
  stored({ playerLookup: 'a', lineValue: null, predictionId: 'a2', runId: 'run-b' }),
  stored({ playerLookup: 'b', predictionId: 'b1', gradedAt: '2032-03-02T09:00:00.000Z' }),
  stored({ playerLookup: 'b', predictionId: 'b2' }),
  stored({ playerLookup: 'b', predictionId: 'b3', runId: null }),
  stored({ playerLookup: 'c', predictionId: 'c1' }),
  stored({ playerLookup: 'd', gameDate: D2, gameId: 'game-d2', predictionId: 'd1' }),
];

/**
 * Keys SQL leaves to the chooser: `e`, tied on graded_at, run and prediction id with different
 * figures; `f`, a non-ASCII run id.
 */
const FLAGGED: AccuracyRow[] = [
  stored({ playerLookup: 'e', predictionId: 'e1', modelVersion: 'e-first' }),
  stored({ playerLookup: 'e', predictionId: 'e1', modelVersion: 'e-second', actualPoints: 9 }),
  stored({ playerLookup: 'f', predictionId: 'f1', runId: 'run-é', modelVersion: 'f-first' }),
  stored({ playerLookup: 'f', predictionId: 'f2', modelVersion: 'f-second' }),
];

/** Keep the first reference seen of each (player, line) and delete the others. */
const keepFirst: DeletionChooser = async (pages) => {
  const seen = new Set<string>();
  const doomed: string[] = [];
  for await (const page of pages) {
    for (const { ref, row } of page) {
      const key = `${row.playerLookup}|${row.lineValue}`;
      if (seen.has(key)) doomed.push(ref);
      else seen.add(key);
    }
  }
  return doomed;
};

async function freshStore(ctx: ContractContext, rows: AccuracyRow[] = DUPLICATED) {
  const fixture = await ctx.fresh();
  await fixture.store.migrate();
  if (rows.length)
    expect((await append(fixture.store, rows, { repeat: true, drop: true })).outcome).toBe(
      'appended',
    );
  return fixture.store;
}

async function backupAndClean(store: Store, chooser: DeletionChooser = keepFirst) {
  const fences = storeClaims([D1]);
  const backup = await store.createBackup({ fences, purpose: 'dedupe', operationId: 'op-2' });
  const result = await store.dedupeDates({
    fences,
    backup,
    keep: 'earliest',
    choose: chooser,
    recompute: countingRecompute,
    log: { action: 'dedupe', details: { operationId: 'op-2' } },
  });
  return { backup, result };
}

/** Cleanup contract tests. */
export function cleanupContract(ctx: ContractContext): void {
  describe('appendAccuracy', () => {
    test('stores rows as given, recomputes each date from all its rows, and logs', async () => {
      const store = await freshStore(ctx, []);
      const first = [stored({ playerLookup: 'a', lineValue: null }), stored({ playerLookup: 'b' })];
      expect(await append(store, first)).toEqual({
        outcome: 'appended',
        rowsWritten: 2,
        guardDropped: false,
      });
      expect(
        await append(store, [stored({ playerLookup: 'c', runId: null, fenceToken: null })]),
      ).toMatchObject({ rowsWritten: 1 });
      const rows = await rowsOf(store);
      expect(rows).toHaveLength(3);
      expect(rows.find((r) => r.playerLookup === 'a')).toEqual(first[0]);
      expect(rows.find((r) => r.playerLookup === 'c')).toMatchObject({
        runId: null,
        fenceToken: null,
      });
      const perf = await store.readPerformance({ from: D1, to: D1 });
      expect(perf.map((p) => p.predictions)).toEqual([3]);
      expect((await store.guardState()).installed).toBe(true);
      const log = await store.listMaintenance({ actions: ['import'] });
      expect(log.map((e) => e.details)).toEqual([
        expect.objectContaining({ operationId: 'op-1', rowsWritten: 2, guardDropped: false }),
        expect.objectContaining({ rowsWritten: 1 }),
      ]);
    });

    test('with the guard installed, a key already stored (a NULL line too) rejects everything', async () => {
      const store = await freshStore(ctx, []);
      await append(store, [stored({ playerLookup: 'a', lineValue: null })]);
      const before = await store.tableDigest('prediction_accuracy');
      const fence = await store.readFence('prediction_accuracy', D1);
      const result = await append(store, [
        stored({ playerLookup: 'z' }),
        stored({ playerLookup: 'a', lineValue: null, runId: 'run-x' }),
      ]);
      expect(result).toEqual({
        outcome: 'rejected',
        collisions: [
          {
            playerLookup: 'a',
            gameId: `game-${D1}`,
            systemId: 'sys_a',
            lineValue: null,
            gameDate: D1,
          },
        ],
      });
      expect(await store.tableDigest('prediction_accuracy')).toEqual(before);
      expect(await store.readFence('prediction_accuracy', D1)).toEqual(fence);
    });

    test('rows repeating a key among themselves need the guard dropped: refused, or dropped and recorded', async () => {
      const store = await freshStore(ctx, []);
      const twice = [
        stored({ playerLookup: 'a' }),
        stored({ playerLookup: 'a', predictionId: 'other' }),
      ];
      expect(await append(store, twice, { repeat: true })).toEqual({
        outcome: 'rejected',
        collisions: [],
      });
      expect(await store.keyCounts({})).toEqual({ rows: 0, uniqueKeys: 0 });
      expect(await append(store, twice, { repeat: true, drop: true })).toMatchObject({
        guardDropped: true,
      });
      expect(await store.guardState()).toMatchObject({ installed: false });
      expect((await store.listMaintenance({ actions: ['guard_dropped'] })).length).toBe(1);
      expect(await append(store, twice)).toMatchObject({
        outcome: 'appended',
        guardDropped: false,
      });
      expect(await store.keyCounts({})).toEqual({ rows: 4, uniqueKeys: 1 });
    });

    test('a lease token below the stored fence is refused (stale fence, exit 5), nothing written', async () => {
      const store = await freshStore(ctx, []);
      await append(store, [stored({ playerLookup: 'a' })]);
      const err = await rejectionOf(
        store.appendAccuracy({
          fences: [{ gameDate: D1, claim: { mode: 'lease', token: 1, runId: 'late-holder' } }],
          rows: [stored({ playerLookup: 'b' })],
          rowsRepeatKeys: false,
          allowGuardDrop: false,
          recompute: countingRecompute,
          log: { action: 'import', details: {} },
        }),
      );
      expect(exitCodeFor(err)).toBe(5);
      expect(await store.keyCounts({})).toEqual({ rows: 1, uniqueKeys: 1 });
    });
  });

  describe('keyCounts, backups and the maintenance log', () => {
    test('keyCounts is NULL-safe and honours the range', async () => {
      const store = await freshStore(ctx);
      expect(await store.keyCounts({})).toEqual({ rows: 7, uniqueKeys: 4 });
      expect(await store.keyCounts({ from: D2 })).toEqual({ rows: 1, uniqueKeys: 1 });
      expect(await store.keyCounts({ to: D1 })).toEqual({ rows: 6, uniqueKeys: 3 });
    });

    test('a backup holds exactly the fenced dates, is listed newest first, found only by its name', async () => {
      const store = await freshStore(ctx);
      const first = await store.createBackup({
        fences: storeClaims([D1]),
        purpose: 'dedupe',
        operationId: 'op-2',
      });
      const second = await store.createBackup({
        fences: storeClaims([D1, D2]),
        purpose: 'dedupe',
        operationId: 'op-3',
      });
      expect(first.table).toMatch(BACKUP_TABLE_PATTERN);
      expect(second.table).not.toBe(first.table);
      expect([first.rows, first.dates, second.rows, second.dates]).toEqual([6, [D1], 7, [D1, D2]]);
      expect((await store.listBackups()).map((b) => b.table)).toEqual([second.table, first.table]);
      expect(await store.findBackup(first.table)).toEqual(first);
      expect(await store.findBackup('prediction_accuracy_backup_20990101t000000')).toBeNull();
      expect(await store.findBackup('prediction_accuracy')).toBeNull();
      await store.dropBackup(first.table, 'test');
      expect((await store.listBackups()).map((b) => b.table)).toEqual([second.table]);
      expect(await store.findBackup(first.table)).toBeNull();
      const actions = (await store.listMaintenance()).map((e) => e.action);
      expect(actions.filter((a) => a.startsWith('backup_'))).toEqual([
        'backup_created',
        'backup_created',
        'backup_dropped',
      ]);
    });
  });

  describe('dedupePlan', () => {
    const D3 = '2032-03-03';
    const clean = [
      stored({ playerLookup: 'c', gameDate: D2, gameId: 'game-d2', predictionId: 'c1' }),
      stored({ playerLookup: 'e', gameDate: D3, gameId: 'game-d3', predictionId: 'e1' }),
    ];

    test('counts the range and names the dates holding a duplicated key', async () => {
      const store = await freshStore(ctx, [...DUPLICATED, ...clean]);
      expect(await store.dedupePlan({})).toEqual({
        counts: { rows: 9, uniqueKeys: 6 },
        dates: [D1],
      });
      expect(await store.dedupePlan({ from: D2 })).toEqual({
        counts: { rows: 3, uniqueKeys: 3 },
        dates: [],
      });
    });

    test('a duplicated key spread over three dates names all three', async () => {
      const spread = [D1, D2, D3].map((gameDate) =>
        stored({ playerLookup: 's', gameDate, gameId: 'game-s', predictionId: `s-${gameDate}` }),
      );
      const store = await freshStore(ctx, [...clean, ...spread]);
      expect(await store.dedupePlan({})).toEqual({
        counts: { rows: 5, uniqueKeys: 3 },
        dates: [D1, D2, D3],
      });
      expect(await store.dedupePlan({ to: D2 })).toEqual({
        counts: { rows: 3, uniqueKeys: 2 },
        dates: [D1, D2],
      });
    });
  });

  describe('dedupeDates and restoreBackup', () => {
    test('keeps the earliest row of each key in SQL, verifies, recomputes, logs', async () => {
      const store = await freshStore(ctx);
      const seen: string[] = [];
      const recording: DeletionChooser = async (pages) => {
        for await (const page of pages) seen.push(...page.map((r) => r.row.predictionId!));
        return [];
      };
      await backupAndClean(store, recording);
      expect(seen).toEqual([]);
      expect((await rowsOf(store)).map((r) => r.predictionId)).toEqual(['a1', 'b3', 'c1', 'd1']);
      expect(await store.keyCounts({})).toEqual({ rows: 4, uniqueKeys: 4 });
      expect((await store.guardState()).installed).toBe(true);
      expect((await store.readPerformance({ from: D1, to: D1 }))[0]!.predictions).toBe(3);
      const log = await store.listMaintenance({ actions: ['dedupe', 'guard_installed'] });
      expect(log.map((e) => e.action)).toEqual(['guard_installed', 'dedupe']);
      expect(log[1]!.details).toMatchObject({
        removed: 3,
        before: { rows: 6, uniqueKeys: 3 },
        after: { rows: 3, uniqueKeys: 3 },
      });
    });

    test('hands only the keys SQL cannot order to the chooser, and deletes what it picks', async () => {
      const store = await freshStore(ctx, [...DUPLICATED, ...FLAGGED]);
      const seen: string[] = [];
      const recording: DeletionChooser = async (pages) => {
        const refs: AccuracyRowRef[] = [];
        for await (const page of pages) refs.push(...page);
        seen.push(...refs.map((r) => r.row.modelVersion!));
        return keepFirst(oneBatch(refs));
      };
      const { result } = await backupAndClean(store, recording);
      expect(seen.sort()).toEqual(['e-first', 'e-second', 'f-first', 'f-second']);
      expect(result.removed).toBe(5);
      const kept = (await rowsOf(store, [D1])).map((r) => r.modelVersion);
      expect(kept.filter((m) => m !== 'm1').sort()).toEqual(['e-first', 'f-first']);
    });

    test('reports the counts; the guard stays dropped while another date holds duplicates', async () => {
      const store = await freshStore(ctx, [
        ...DUPLICATED,
        stored({ playerLookup: 'd', gameDate: D2, gameId: 'game-d2', predictionId: 'd2' }),
      ]);
      const { result } = await backupAndClean(store);
      expect(result).toEqual({
        before: { rows: 6, uniqueKeys: 3 },
        after: { rows: 3, uniqueKeys: 3 },
        removed: 3,
        guardInstalled: false,
      });
      expect((await store.guardState()).installed).toBe(false);
    });

    test('a wrong choice fails verification (exit 6) and rolls back; the backup stays', async () => {
      const store = await freshStore(ctx, [...DUPLICATED, ...FLAGGED]);
      const before = await store.tableDigest('prediction_accuracy');
      const deleteAll: DeletionChooser = async (pages) => {
        const refs: string[] = [];
        for await (const page of pages) refs.push(...page.map((r) => r.ref));
        return refs;
      };
      const err = await rejectionOf(backupAndClean(store, deleteAll));
      expect(exitCodeFor(err)).toBe(6);
      expect(String(err)).toMatch(/verification failed/);
      expect(await store.tableDigest('prediction_accuracy')).toEqual(before);
      expect(await store.listBackups()).toHaveLength(1);
      expect((await store.guardState()).installed).toBe(false);
    });

    test('refuses when the dates no longer hold what was backed up', async () => {
      const store = await freshStore(ctx);
      const fences = storeClaims([D1]);
      const backup = await store.createBackup({ fences, purpose: 'dedupe', operationId: 'op' });
      await append(store, [stored({ playerLookup: 'late' })]);
      const err = await rejectionOf(
        store.dedupeDates({
          fences,
          backup,
          keep: 'earliest',
          choose: keepFirst,
          recompute: countingRecompute,
          log: { action: 'dedupe', details: {} },
        }),
      );
      expect(exitCodeFor(err)).toBe(6);
      expect(await store.keyCounts({ to: D1 })).toEqual({ rows: 7, uniqueKeys: 4 });
    });

    test('restore puts the backed-up dates back exactly, dropping the guard they need', async () => {
      const store = await freshStore(ctx);
      const original = await store.tableDigest('prediction_accuracy');
      const { backup } = await backupAndClean(store, keepFirst);
      expect((await store.guardState()).installed).toBe(true);
      const result = await store.restoreBackup({
        fences: storeClaims(backup.dates),
        backup,
        recompute: countingRecompute,
        log: { action: 'restore', details: { operationId: 'op-4' } },
      });
      expect(result).toEqual({ rowsDeleted: 3, rowsRestored: 6, guardDropped: true });
      expect(await store.tableDigest('prediction_accuracy')).toEqual(original);
      expect((await store.guardState()).installed).toBe(false);
      expect((await store.readPerformance({ from: D1, to: D1 }))[0]!.predictions).toBe(6);
      expect(await rowsOf(store, [D1])).toEqual(
        byPredictionId(DUPLICATED.filter((r) => r.gameDate === D1)),
      );
    });
  });
}
