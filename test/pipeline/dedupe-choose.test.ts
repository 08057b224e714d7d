/**
 * Which rows dedupe deletes, pure: one row per key stays, chosen in the keep order, and the rows
 * `--keep earliest` leaves are exactly those the report's "without duplicates" counts.
 */
import { describe, expect, it } from 'vitest';
import { KeyTally } from '../../src/domain/report.js';
import type { AccuracyRow } from '../../src/domain/types.js';
import { chooseDeletions, DeletionPlan } from '../../src/pipeline/dedupe-choose.js';
import { accuracyFigures } from '../../src/pipeline/report-figures.js';
import type { AccuracyRowRef } from '../../src/store/store.js';
import { accuracyRow } from './report-fixtures.js';

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows over few keys, with colliding graded_at, run ids and prediction ids. */
function messyRows(seed: number, count: number): AccuracyRowRef[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    ref: `ref-${i}`,
    row: accuracyRow({
      playerLookup: pick(['a', 'b', 'c', 'd']),
      systemId: pick(['s1', 's2']),
      lineValue: pick([null, 20.5]),
      gradedAt: pick(['2026-01-11T07:00:00.000Z', '2026-01-11T08:00:00.000Z']),
      runId: pick([null, 'r1', 'r2']),
      predictionId: pick([null, 'p1', 'p2']),
      predictionCorrect: pick([null, true, false]),
      isVoided: pick([false, false, true]),
    }),
  }));
}

function keptRows(refs: AccuracyRowRef[], doomed: string[]): AccuracyRow[] {
  const gone = new Set(doomed);
  return refs.filter((r) => !gone.has(r.ref)).map((r) => r.row);
}

async function* pagesOf(refs: AccuracyRowRef[]) {
  for (let i = 0; i < refs.length; i += 7) yield refs.slice(i, i + 7);
}

describe('dedupe deletion choice', () => {
  it('keeps the earliest graded_at per key (ties: run_id, prediction_id) and deletes the rest', () => {
    const refs = [
      { ref: 'late', row: accuracyRow({ gradedAt: '2026-01-11T09:00:00.000Z', runId: 'a' }) },
      { ref: 'early-b', row: accuracyRow({ runId: 'b' }) },
      { ref: 'early-a', row: accuracyRow({ runId: 'a' }) },
      { ref: 'other', row: accuracyRow({ playerLookup: 'x' }) },
    ];
    const earliest = new DeletionPlan('earliest');
    const latest = new DeletionPlan('latest');
    for (const r of refs) {
      earliest.add(r);
      latest.add(r);
    }
    expect(earliest.doomed.sort()).toEqual(['early-b', 'late']);
    expect(latest.doomed.sort()).toEqual(['early-a', 'early-b']);
  });

  it('leaves exactly one row per key, and exactly the rows the report counts without duplicates', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const refs = messyRows(seed, 200);
      const doomed = await chooseDeletions('earliest')(pagesOf(refs));
      const kept = keptRows(refs, doomed);
      const report = new KeyTally(new Set(['r1', 'r2']));
      for (const r of refs) report.add(r.row);
      expect(kept).toHaveLength(report.keys.size);
      const after = new KeyTally(new Set());
      for (const r of kept) after.add(r);
      const withoutDuplicates = accuracyFigures(report).map((a) => [
        a.systemId,
        a.withoutDuplicates,
      ]);
      const ofKept = accuracyFigures(after).map((a) => [a.systemId, a.withDuplicates]);
      expect(ofKept, `seed ${seed}`).toEqual(withoutDuplicates);
    }
  });

  it('control: keeping the latest instead gives other figures on the same rows', async () => {
    const refs = messyRows(7, 200);
    const earliest = keptRows(refs, await chooseDeletions('earliest')(pagesOf(refs)));
    const latest = keptRows(refs, await chooseDeletions('latest')(pagesOf(refs)));
    expect(latest).toHaveLength(earliest.length);
    expect(latest).not.toEqual(earliest);
  });
});
