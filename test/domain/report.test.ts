/** The report's row pass: keep order, NULL-safe keys and the per-key tally, without a database. */
import { describe, expect, it } from 'vitest';
import {
  compareKeepOrder,
  KeyTally,
  keepCandidateOf,
  keyRowsByDate,
  outcomeOf,
  replacesKept,
  splitTallyKey,
  tallyKey,
} from '../../src/domain/report.js';
import type { AccuracyRow } from '../../src/domain/types.js';
import { accuracyRow as row } from '../pipeline/report-fixtures.js';

describe('keep order', () => {
  const c = (o: Partial<AccuracyRow>) => keepCandidateOf(row(o));

  it('orders by graded_at first, as instants (an offset does not fool it)', () => {
    const early = c({ gradedAt: '2026-01-11T07:00:00.000Z', runId: 'z' });
    const late = c({ gradedAt: '2026-01-11T08:00:00.000Z', runId: 'a' });
    expect(compareKeepOrder(early, late)).toBeLessThan(0);
    expect(compareKeepOrder(c({ gradedAt: '2026-01-11T09:00:00+02:00' }), late)).toBeLessThan(0);
  });

  it('breaks ties by run_id, then prediction_id, NULL first, then by the figures', () => {
    expect(compareKeepOrder(c({ runId: null }), c({ runId: 'a' }))).toBeLessThan(0);
    expect(compareKeepOrder(c({ runId: 'a' }), c({ runId: 'b' }))).toBeLessThan(0);
    expect(compareKeepOrder(c({ predictionId: 'x' }), c({ predictionId: null }))).toBeGreaterThan(
      0,
    );
    const lost = c({ predictionCorrect: false, profitUnits: -1 });
    expect(compareKeepOrder(lost, c({}))).not.toBe(0);
    expect(compareKeepOrder(c({ teamAbbr: 'BOS' }), c({ teamAbbr: 'NYK' }))).toBe(0);
  });

  it('latest mirrors earliest; a full tie keeps the row seen first', () => {
    const a = c({ gradedAt: '2026-01-11T07:00:00.000Z' });
    const b = c({ gradedAt: '2026-01-11T08:00:00.000Z' });
    expect([replacesKept(a, b, 'earliest'), replacesKept(a, b, 'latest')]).toEqual([true, false]);
    expect([replacesKept(b, a, 'earliest'), replacesKept(b, a, 'latest')]).toEqual([false, true]);
    expect([replacesKept(a, a, 'earliest'), replacesKept(a, a, 'latest')]).toEqual([false, false]);
  });

  it('a row is a decided bet only when not voided and prediction_correct is set', () => {
    expect(outcomeOf(row())).toBe('correct');
    expect(outcomeOf(row({ predictionCorrect: false }))).toBe('incorrect');
    expect(outcomeOf(row({ isVoided: true }))).toBeNull();
    expect(outcomeOf(row({ predictionCorrect: null }))).toBeNull();
    expect(outcomeOf(row({ isVoided: null }))).toBe('correct');
  });
});

describe('tally keys', () => {
  it('are NULL-safe: two rows without a line share a key; 20.5 and NULL do not', () => {
    expect(tallyKey(row({ lineValue: null }))).toBe(tallyKey(row({ lineValue: null })));
    expect(tallyKey(row({ lineValue: null }))).not.toBe(tallyKey(row()));
    expect(tallyKey(row({ lineValue: 20 }))).toBe(tallyKey(row({ lineValue: 20.0 })));
  });

  it('split back into their parts', () => {
    const parts = { playerLookup: "o'neil, jr", gameId: 'g"1', systemId: 'ß', lineValue: 0.5 };
    expect(splitTallyKey(tallyKey(parts))).toEqual(parts);
    expect(splitTallyKey(tallyKey({ ...parts, lineValue: null })).lineValue).toBeNull();
  });
});

describe('KeyTally', () => {
  it('keeps one state per key with its rows, runs, graded_at values and earliest row', () => {
    const tally = new KeyTally(new Set(['r1', 'r2']));
    tally.add(row({ gradedAt: '2026-01-11T09:00:00.000Z', runId: 'r2', predictionCorrect: false }));
    tally.add(row());
    tally.add(row({ playerLookup: 'p2', lineValue: null, predictionCorrect: null }));
    expect([tally.rows, tally.keys.size, tally.nullLineRows]).toEqual([3, 2, 1]);
    const state = tally.keys.get(tallyKey(row()))!;
    expect(state).toMatchObject({ rows: 2, multipleRuns: true, unknownRun: false });
    expect(state.gradedAtDiffers).toBe(true);
    expect(state.earliest).toMatchObject({ runId: 'r1', outcome: 'correct' });
    expect(tally.withDuplicates.get('sys_a')).toEqual({ graded: 2, correct: 1 });
  });

  it('flags a row without a run id, or with one the ledger lacks, as of unknown origin', () => {
    const tally = new KeyTally(new Set(['r1']));
    tally.add(row());
    tally.add(row({ playerLookup: 'p2', runId: 'gone' }));
    tally.add(row({ playerLookup: 'p3', runId: null }));
    const unknown = [...tally.keys.values()].map((s) => s.unknownRun);
    expect(unknown).toEqual([false, true, true]);
  });

  it('counts a key spread over two dates on each of them', () => {
    const tally = new KeyTally(new Set());
    tally.add(row());
    tally.add(row({ gameDate: '2026-01-11' }));
    tally.add(row({ gameDate: '2026-01-11' }));
    const state = [...tally.keys.values()][0]!;
    expect(keyRowsByDate(state)).toEqual([
      ['2026-01-10', 1],
      ['2026-01-11', 2],
    ]);
  });

  it('counts the lines of each (player, game, system)', () => {
    const tally = new KeyTally(new Set());
    for (const lineValue of [20.5, 21.5, 20.5, null]) tally.add(row({ lineValue }));
    tally.add(row({ systemId: 'sys_b' }));
    expect([...tally.linesPerTriple.values()]).toEqual([3, 1]);
  });
});
