/**
 * Store contract: `dedupeDates` keeps, on every backend, exactly the rows a pure TypeScript
 * reference of the keep rule keeps (domain `compareKeepOrder`, ties by insertion order), on a
 * table built to catch collation and tie-break differences: upper/lower case and non-ASCII run
 * ids, text order of prediction ids, NULL ids and lines, figure ties decided by text, rows equal
 * in every figure, and code points outside the BMP (UTF-16 order differs from byte order there).
 */
import { describe, expect, test } from 'vitest';
import {
  compareKeepOrder,
  type KeepMode,
  keepCandidateOf,
  tallyKey,
} from '../../src/domain/report.js';
import type { AccuracyRow } from '../../src/domain/types.js';
import { chooseDeletions } from '../../src/pipeline/dedupe-choose.js';
import type { DateFenceClaim, Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { graded } from './fixtures.js';

const D = '2033-05-01';
const T0 = '2033-05-02T08:00:00.000Z';
const T1 = '2033-05-02T08:00:00.001Z';

/** A row of D labelled by its model_version (not part of the keep order). */
function row(label: string, overrides: Partial<AccuracyRow>): AccuracyRow {
  return {
    ...graded({ gameDate: D }),
    gradedAt: T0,
    runId: 'run-a',
    predictionId: 'p',
    fenceToken: 3,
    modelVersion: label,
    ...overrides,
  };
}

const TRICKY: AccuracyRow[] = [
  row('case-lower', { playerLookup: 'ann', runId: 'run-a' }),
  row('case-upper', { playerLookup: 'ann', runId: 'Run-b' }),
  row('case-later', { playerLookup: 'ann', runId: null, gradedAt: T1 }),
  row('null-run', { playerLookup: 'ann', lineValue: null, runId: null }),
  row('null-run-a', { playerLookup: 'ann', lineValue: null, runId: 'a' }),
  row('null-pred', { playerLookup: 'ann', lineValue: 7, predictionId: null }),
  row('pred-a', { playerLookup: 'ann', lineValue: 7, predictionId: 'a' }),
  row('pred-10', { playerLookup: 'josé', predictionId: 'p-10' }),
  row('pred-9', { playerLookup: 'josé', predictionId: 'p-9' }),
  row('ascii-key', { playerLookup: 'jose' }),
  row('figures-25', { playerLookup: 'bo', actualPoints: 25 }),
  row('figures-9', { playerLookup: 'bo', actualPoints: 9, absoluteError: 11.5 }),
  row('astral', { playerLookup: 'cy', runId: '\u{1D7D8}x' }),
  row('fullwidth', { playerLookup: 'cy', runId: '\uFF01x' }),
  row('accent', { playerLookup: 'cyd', runId: 'é' }),
  row('accent-ascii', { playerLookup: 'cyd', runId: 'run-a' }),
  row('copy-first', { playerLookup: 'dee', teamAbbr: 'BOS' }),
  row('copy-second', { playerLookup: 'dee', teamAbbr: 'LAL' }),
  row('late-a', { playerLookup: 'eve', runId: 'run-a', gradedAt: T1 }),
  row('early-z', { playerLookup: 'eve', runId: 'run-z' }),
  row('deep-early', { playerLookup: 'fay', runId: 'run-0' }),
  row('deep-tie-1', { playerLookup: 'fay', gradedAt: T1, actualPoints: 30 }),
  row('deep-tie-2', { playerLookup: 'fay', gradedAt: T1, actualPoints: 4 }),
  row('single', { playerLookup: 'Émile' }),
];

/** The rule in plain TypeScript: per key, the first row in keep order, ties by insertion. */
function referenceKept(rows: AccuracyRow[], keep: KeepMode): AccuracyRow[] {
  const sign = keep === 'earliest' ? 1 : -1;
  const byKey = new Map<string, { row: AccuracyRow; index: number }[]>();
  rows.forEach((r, index) => {
    const group = byKey.get(tallyKey(r)) ?? [];
    group.push({ row: r, index });
    byKey.set(tallyKey(r), group);
  });
  return [...byKey.values()].map(
    (group) =>
      [...group].sort(
        (a, b) =>
          sign * compareKeepOrder(keepCandidateOf(a.row), keepCandidateOf(b.row)) ||
          a.index - b.index,
      )[0]!.row,
  );
}

const labels = (rows: AccuracyRow[]) => rows.map((r) => r.modelVersion ?? '').sort();

const EXPECTED: Record<KeepMode, string[]> = {
  earliest: [
    'case-upper',
    'null-run',
    'null-pred',
    'pred-10',
    'ascii-key',
    'figures-25',
    'astral',
    'accent-ascii',
    'copy-first',
    'early-z',
    'deep-early',
    'single',
  ].sort(),
  latest: [
    'case-later',
    'null-run-a',
    'pred-a',
    'pred-9',
    'ascii-key',
    'figures-9',
    'fullwidth',
    'accent',
    'copy-first',
    'late-a',
    'deep-tie-2',
    'single',
  ].sort(),
};

async function trickyStore(ctx: ContractContext): Promise<Store> {
  const { store } = await ctx.fresh();
  await store.migrate();
  const fences: DateFenceClaim[] = [{ gameDate: D, claim: { mode: 'store', runId: 'op' } }];
  const log = { action: 'import', details: {} };
  const recompute = async () => [];
  await store.appendAccuracy({
    fences,
    rows: TRICKY,
    rowsRepeatKeys: true,
    allowGuardDrop: true,
    recompute,
    log,
  });
  return store;
}

async function dedupeAll(store: Store, keep: KeepMode): Promise<AccuracyRow[]> {
  await store.dedupeDates({
    fences: [{ gameDate: D, claim: { mode: 'store', runId: 'op-2' } }],
    backup: null,
    keep,
    choose: chooseDeletions(keep),
    recompute: async () => [],
    log: { action: 'dedupe', details: {} },
  });
  const out: AccuracyRow[] = [];
  for await (const batch of store.streamAccuracy({ from: D, to: D })) out.push(...batch);
  return out;
}

/** The keep-rule contract. */
export function dedupeOrderContract(ctx: ContractContext): void {
  describe('dedupeDates keep order', () => {
    for (const keep of ['earliest', 'latest'] as const) {
      test(`--keep ${keep} keeps the reference's rows of a tricky table`, async () => {
        const reference = referenceKept(TRICKY, keep);
        expect(labels(reference)).toEqual(EXPECTED[keep]);
        const kept = await dedupeAll(await trickyStore(ctx), keep);
        expect(labels(kept)).toEqual(EXPECTED[keep]);
        const byLabel = (rows: AccuracyRow[]) =>
          [...rows].sort((a, b) => (a.modelVersion! < b.modelVersion! ? -1 : 1));
        expect(byLabel(kept)).toEqual(byLabel(reference));
      });
    }
  });
}
