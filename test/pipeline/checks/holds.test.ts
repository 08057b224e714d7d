/** Ledger arithmetic: hold windows, overlapping writers, recovery by a later grading. */
import { describe, expect, it } from 'vitest';
import {
  holdMs,
  holdWindow,
  overlappingWriters,
  regradedAfter,
} from '../../../src/pipeline/checks/holds.js';
import type { RunRecord } from '../../../src/store/store.js';

const t = (min: number) => new Date(Date.UTC(2026, 2, 6, 8, min)).toISOString();

function run(
  id: string,
  start: number,
  acquired: number | null,
  end: number | null,
  over: Partial<RunRecord> = {},
): RunRecord {
  return {
    runId: id,
    gameDate: '2026-03-05',
    trigger: 'manual',
    triggerSource: null,
    correlationId: null,
    holder: `h:1/${id}`,
    lockMode: 'sqlite',
    status: 'succeeded',
    startedAt: t(start),
    lockAcquiredAt: acquired === null ? null : t(acquired),
    finishedAt: end === null ? null : t(end),
    rowsDeleted: 0,
    rowsWritten: 1,
    sourceDuplicatesDropped: 0,
    supersededLines: 0,
    latePredictions: 0,
    pendingGames: [],
    duplicateKeys: 0,
    validationId: null,
    fenceToken: 1,
    lockWaitMs: 0,
    error: null,
    ...over,
  };
}

describe('hold windows', () => {
  it('start at the lease, or at the start for --lock none runs', () => {
    expect(holdWindow(run('a', 0, 5, 9))).toEqual({ start: t(5), end: t(9) });
    expect(holdWindow(run('a', 0, 5, 9, { lockMode: 'none' }))).toEqual({ start: t(0), end: t(9) });
    expect(holdWindow(run('a', 0, null, 9))).toBeNull();
    expect(holdMs(run('a', 0, 5, null, { status: 'running' }), Date.parse(t(65)))).toBe(3_600_000);
  });
});

describe('overlappingWriters', () => {
  it('a run that waited for the lease does not overlap; --lock none runs that ran together do', () => {
    expect(overlappingWriters([run('a', 0, 0, 5), run('b', 1, 5, 8)])).toEqual([]);
    const none = { lockMode: 'none' as const };
    expect(overlappingWriters([run('a', 0, 0, 5, none), run('b', 1, 5, 8, none)])).toEqual([
      { gameDate: '2026-03-05', runIds: ['a', 'b'], from: t(1), to: t(5), bothFinishedAt: t(8) },
    ]);
  });

  it('only writers count, only within one date, and every pair is found', () => {
    const failed = run('f', 1, 1, 3, { status: 'lock_lost' });
    const otherDate = run('o', 1, 1, 3, { gameDate: '2026-03-06' });
    expect(overlappingWriters([run('a', 0, 0, 10), failed, otherDate])).toEqual([]);
    const pairs = overlappingWriters([run('a', 0, 0, 10), run('b', 1, 1, 3), run('c', 2, 2, 4)]);
    expect(pairs.map((p) => p.runIds)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
  });
});

describe('regradedAfter', () => {
  it('a successful grading of the date that began holding later recovers; others do not', () => {
    const runs = [
      run('a', 0, 0, 5),
      run('late', 6, 7, 9),
      run('x', 8, 8, 9, { gameDate: '2026-03-06' }),
    ];
    expect(regradedAfter(runs, '2026-03-05', t(6))).toBe(true);
    expect(regradedAfter(runs, '2026-03-05', t(7))).toBe(false);
    expect(regradedAfter(runs, '2026-03-05', t(6), new Set(['late']))).toBe(false);
  });
});
