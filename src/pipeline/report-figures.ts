/**
 * The key figures of the investigation report (SPEC section 7), pure: totals, per date, causes
 * and accuracy with and without duplicates, from a {@link KeyTally}. Definitions:
 * `duplicateRows` = rows − uniqueKeys; `duplicateKeys` = keys with more than one row;
 * `duplicateRate` = duplicateRows / rows; `duplicatesPerUniqueKey` = duplicateRows / uniqueKeys;
 * `naiveUniqueKeys` = distinct keys among rows whose line is not NULL. A rate over 0 is null.
 */
import { compareText } from '../domain/keys.js';
import { type KeyState, type KeyTally, keyRowsByDate } from '../domain/report.js';
import type { IsoDate } from '../domain/types.js';

/** Row and key counts of a set of rows. */
export interface KeyFigures {
  rows: number;
  uniqueKeys: number;
  duplicateRows: number;
  duplicateKeys: number;
  duplicateRate: number | null;
  duplicatesPerUniqueKey: number | null;
}

/** The causes of duplicate keys; concurrentRuns + sameRun + unknown = duplicateKeys. */
export interface CauseCounts {
  concurrentRuns: number;
  sameRun: number;
  unknown: number;
  unknownIdenticalGradedAt: number;
  unknownDifferentGradedAt: number;
}

/** One date's figures, and the causes of the duplicate keys first seen on it. */
export interface DateFigures extends KeyFigures {
  gameDate: IsoDate;
  causes: Pick<CauseCounts, 'concurrentRuns' | 'sameRun' | 'unknown'>;
}

/** Decided bets of one system. */
export interface HitFigures {
  graded: number;
  correct: number;
  hitRate: number | null;
}

export interface SystemAccuracyComparison {
  systemId: string;
  withDuplicates: HitFigures;
  withoutDuplicates: HitFigures;
}

/** The cause of one duplicate key (first match wins). */
export type Cause = 'unknown' | 'concurrentRuns' | 'sameRun';

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Figures from counts. */
export function keyFigures(rows: number, uniqueKeys: number, duplicateKeys: number): KeyFigures {
  const duplicateRows = rows - uniqueKeys;
  return {
    rows,
    uniqueKeys,
    duplicateRows,
    duplicateKeys,
    duplicateRate: rate(duplicateRows, rows),
    duplicatesPerUniqueKey: rate(duplicateRows, uniqueKeys),
  };
}

/** The cause of a duplicate key: a row of unknown origin, else two or more runs, else one run. */
export function causeOf(state: KeyState): Cause {
  if (state.unknownRun) return 'unknown';
  return state.multipleRuns ? 'concurrentRuns' : 'sameRun';
}

/** Totals over every row of the tally. */
export function totalFigures(tally: KeyTally) {
  let duplicateKeys = 0;
  let naiveUniqueKeys = 0;
  for (const state of tally.keys.values()) {
    if (state.rows > 1) duplicateKeys += 1;
    if (!state.lineIsNull) naiveUniqueKeys += 1;
  }
  return {
    ...keyFigures(tally.rows, tally.keys.size, duplicateKeys),
    nullLineRows: tally.nullLineRows,
    naiveUniqueKeys,
  };
}

/** Causes over every duplicate key, and `lineMovement` (triples with more than one line). */
export function causeFigures(tally: KeyTally): CauseCounts & { lineMovement: number } {
  const counts = {
    concurrentRuns: 0,
    sameRun: 0,
    unknown: 0,
    unknownIdenticalGradedAt: 0,
    unknownDifferentGradedAt: 0,
    lineMovement: 0,
  };
  for (const state of tally.keys.values()) {
    if (state.rows < 2) continue;
    const cause = causeOf(state);
    counts[cause] += 1;
    if (cause === 'unknown') {
      if (state.gradedAtDiffers) counts.unknownDifferentGradedAt += 1;
      else counts.unknownIdenticalGradedAt += 1;
    }
  }
  for (const lines of tally.linesPerTriple.values()) if (lines > 1) counts.lineMovement += 1;
  return counts;
}

interface DateCounter {
  rows: number;
  keys: number;
  duplicateKeys: number;
  causes: DateFigures['causes'];
}

function counterOf(counters: Map<IsoDate, DateCounter>, date: IsoDate): DateCounter {
  let counter = counters.get(date);
  if (counter === undefined) {
    counter = {
      rows: 0,
      keys: 0,
      duplicateKeys: 0,
      causes: { concurrentRuns: 0, sameRun: 0, unknown: 0 },
    };
    counters.set(date, counter);
  }
  return counter;
}

/** Figures per date (a key counts once on each of its dates), by date. */
export function dateFigures(tally: KeyTally): DateFigures[] {
  const counters = new Map<IsoDate, DateCounter>();
  for (const state of tally.keys.values()) {
    const perDate = keyRowsByDate(state);
    for (const [date, rows] of perDate) {
      const counter = counterOf(counters, date);
      counter.rows += rows;
      counter.keys += 1;
      if (rows > 1) counter.duplicateKeys += 1;
    }
    if (state.rows > 1) {
      const first = perDate.map(([d]) => d).sort(compareText)[0]!;
      counterOf(counters, first).causes[causeOf(state)] += 1;
    }
  }
  return [...counters.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([gameDate, c]) => ({
      gameDate,
      ...keyFigures(c.rows, c.keys, c.duplicateKeys),
      causes: c.causes,
    }));
}

function hits(graded: number, correct: number): HitFigures {
  return { graded, correct, hitRate: rate(correct, graded) };
}

/** Per system: decided bets over every row, and over the rows `dedupe --keep earliest` keeps. */
export function accuracyFigures(tally: KeyTally): SystemAccuracyComparison[] {
  const kept = new Map<string, { graded: number; correct: number }>();
  for (const state of tally.keys.values()) {
    const counts = kept.get(state.systemId) ?? { graded: 0, correct: 0 };
    kept.set(state.systemId, counts);
    if (state.earliest.outcome !== null) counts.graded += 1;
    if (state.earliest.outcome === 'correct') counts.correct += 1;
  }
  return [...tally.withDuplicates.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([systemId, all]) => {
      const without = kept.get(systemId) ?? { graded: 0, correct: 0 };
      return {
        systemId,
        withDuplicates: hits(all.graded, all.correct),
        withoutDuplicates: hits(without.graded, without.correct),
      };
    });
}
