/** The report's figures and ledger analysis, pure: definitions of SPEC section 7 on small cases. */
import { describe, expect, it } from 'vitest';
import { KeyTally } from '../../src/domain/report.js';
import type { AccuracyRow } from '../../src/domain/types.js';
import {
  accuracyFigures,
  causeFigures,
  dateFigures,
  totalFigures,
} from '../../src/pipeline/report-figures.js';
import { buildInvestigation } from '../../src/pipeline/report-investigate.js';
import { longRuns, overlappingRuns } from '../../src/pipeline/report-runs.js';
import type { RunRecord } from '../../src/store/store.js';
import { accuracyRow as row } from './report-fixtures.js';

function tallyOf(rows: Partial<AccuracyRow>[], known = ['r1', 'r2']): KeyTally {
  const tally = new KeyTally(new Set(known));
  for (const r of rows) tally.add(row(r));
  return tally;
}

/** Two keys from two runs, one from one run twice, two legacy keys, one clean key. */
const MIXED: Partial<AccuracyRow>[] = [
  { playerLookup: 'conc', runId: 'r1' },
  { playerLookup: 'conc', runId: 'r2' },
  { playerLookup: 'same', lineValue: null },
  { playerLookup: 'same', lineValue: null },
  { playerLookup: 'legacy-a', runId: null },
  { playerLookup: 'legacy-a', runId: null },
  { playerLookup: 'legacy-b', runId: null, gradedAt: '2026-01-11T09:00:00.000Z' },
  { playerLookup: 'legacy-b', runId: 'r1' },
  { playerLookup: 'clean', lineValue: null },
];

describe('key figures', () => {
  it('totals: duplicate rows and keys, both rates, NULL-safe vs naive unique keys', () => {
    const t = totalFigures(tallyOf(MIXED));
    expect(t).toEqual({
      rows: 9,
      uniqueKeys: 5,
      duplicateRows: 4,
      duplicateKeys: 4,
      duplicateRate: 4 / 9,
      duplicatesPerUniqueKey: 4 / 5,
      nullLineRows: 3,
      naiveUniqueKeys: 3,
    });
  });

  it('causes: unknown first, then concurrent runs, then same run; they sum to the duplicate keys', () => {
    const c = causeFigures(tallyOf(MIXED));
    expect(c).toEqual({
      concurrentRuns: 1,
      sameRun: 1,
      unknown: 2,
      unknownIdenticalGradedAt: 1,
      unknownDifferentGradedAt: 1,
      lineMovement: 0,
    });
    expect(c.concurrentRuns + c.sameRun + c.unknown).toBe(
      totalFigures(tallyOf(MIXED)).duplicateKeys,
    );
  });

  it('a run id the ledger does not know makes the key unknown', () => {
    const c = causeFigures(tallyOf(MIXED, ['r1']));
    expect([c.concurrentRuns, c.sameRun, c.unknown]).toEqual([0, 1, 3]);
  });

  it('line movement counts (player, game, system) groups with more than one line, NULL included', () => {
    const c = causeFigures(
      tallyOf([{ lineValue: 20.5 }, { lineValue: 21.5 }, { lineValue: null }, { systemId: 'b' }]),
    );
    expect(c.lineMovement).toBe(1);
  });

  it('per date: a key counts on each of its dates; its cause on the first', () => {
    const dates = dateFigures(
      tallyOf([
        { gameDate: '2026-01-11', runId: 'r2' },
        { gameDate: '2026-01-10' },
        { gameDate: '2026-01-11', playerLookup: 'x' },
        { gameDate: '2026-01-11', playerLookup: 'x' },
      ]),
    );
    expect(dates).toEqual([
      expect.objectContaining({
        gameDate: '2026-01-10',
        rows: 1,
        uniqueKeys: 1,
        duplicateRows: 0,
        duplicateKeys: 0,
        causes: { concurrentRuns: 1, sameRun: 0, unknown: 0 },
      }),
      expect.objectContaining({
        gameDate: '2026-01-11',
        rows: 3,
        uniqueKeys: 2,
        duplicateRows: 1,
        duplicateKeys: 1,
        duplicatesPerUniqueKey: 0.5,
        causes: { concurrentRuns: 0, sameRun: 1, unknown: 0 },
      }),
    ]);
  });

  it('accuracy without duplicates keeps the earliest graded_at of each key', () => {
    const figures = accuracyFigures(
      tallyOf([
        { gradedAt: '2026-01-11T09:00:00.000Z', predictionCorrect: true },
        { gradedAt: '2026-01-11T08:00:00.000Z', predictionCorrect: false },
        { playerLookup: 'b', predictionCorrect: true },
        { playerLookup: 'c', isVoided: true, predictionCorrect: null },
      ]),
    );
    expect(figures).toEqual([
      {
        systemId: 'sys_a',
        withDuplicates: { graded: 3, correct: 2, hitRate: 2 / 3 },
        withoutDuplicates: { graded: 2, correct: 1, hitRate: 0.5 },
      },
    ]);
  });

  it('an empty range has null rates and no rows', () => {
    const report = buildInvestigation(new KeyTally(new Set()), [], { lockTtlMs: 300_000 });
    expect(report.totals).toMatchObject({
      rows: 0,
      duplicateRate: null,
      duplicatesPerUniqueKey: null,
    });
    expect([report.byDate, report.accuracy, report.topKeys]).toEqual([[], [], []]);
  });
});

function run(id: string, overrides: Partial<RunRecord>): RunRecord {
  return {
    runId: id,
    gameDate: '2026-01-10',
    trigger: 'scheduled',
    triggerSource: null,
    correlationId: null,
    holder: `h:1/${id}`,
    lockMode: 'sqlite',
    status: 'succeeded',
    startedAt: '2026-01-11T07:00:00.000Z',
    lockAcquiredAt: '2026-01-11T07:00:00.000Z',
    finishedAt: '2026-01-11T07:01:00.000Z',
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
    ...overrides,
  };
}

const t = (hhmm: string) => `2026-01-11T${hhmm}:00.000Z`;

describe('ledger analysis', () => {
  it('a run that waited for the lease does not overlap: hold windows start at lock_acquired_at', () => {
    const runs = [
      run('a', { startedAt: t('07:00'), lockAcquiredAt: t('07:00'), finishedAt: t('07:05') }),
      run('b', { startedAt: t('07:01'), lockAcquiredAt: t('07:05'), finishedAt: t('07:06') }),
    ];
    expect(overlappingRuns(runs)).toEqual([]);
  });

  it('--lock none runs hold from started_at; chained windows form one group', () => {
    const runs = [
      run('a', {
        lockMode: 'none',
        startedAt: t('07:00'),
        lockAcquiredAt: t('07:09'),
        finishedAt: t('07:10'),
      }),
      run('b', { startedAt: t('07:02'), lockAcquiredAt: t('07:03'), finishedAt: t('07:20') }),
      run('c', { startedAt: t('07:15'), lockAcquiredAt: t('07:15'), finishedAt: t('07:16') }),
      run('d', { startedAt: t('07:30'), lockAcquiredAt: t('07:30'), finishedAt: t('07:31') }),
      run('e', { gameDate: '2026-01-12', startedAt: t('07:02'), finishedAt: t('07:03') }),
    ];
    expect(overlappingRuns(runs)).toEqual([
      { gameDate: '2026-01-10', runIds: ['a', 'b', 'c'], from: t('07:03'), to: t('07:16') },
    ]);
  });

  it('only runs that wrote are compared', () => {
    const runs = [
      run('a', { finishedAt: t('07:10') }),
      run('b', { status: 'failed', lockAcquiredAt: t('07:01'), finishedAt: t('07:02') }),
      run('c', { status: 'running', lockAcquiredAt: t('07:01'), finishedAt: null }),
    ];
    expect(overlappingRuns(runs)).toEqual([]);
    expect(overlappingRuns([...runs, run('d', { lockAcquiredAt: t('07:09') })])).toHaveLength(1);
  });

  it('long runs are those longer than the TTL, of any status, longest first', () => {
    const runs = [
      run('a', { finishedAt: t('07:05') }),
      run('b', { status: 'failed', finishedAt: t('10:00') }),
      run('c', { finishedAt: t('07:04') }),
      run('d', { status: 'running', finishedAt: null }),
    ];
    expect(longRuns(runs, 4 * 60_000).map((r) => [r.runId, r.durationMs])).toEqual([
      ['b', 180 * 60_000],
      ['a', 5 * 60_000],
    ]);
  });
});
