import { describe, expect, it } from 'vitest';
import { generateSlate } from '../../src/demo/generate.js';
import { INJURY_STATUSES } from '../../src/domain/types.js';
import {
  type CsvRecord,
  dnpStyle,
  gameStarts,
  lateRows,
  pairKey,
  parseCsv,
  pushRows,
  selectLatest,
} from './slate-reader.js';

const SEEDS = [1, 42, 2026];

function load(seed: number) {
  const slate = generateSlate({ days: 7, seed, endDate: '2026-03-05' });
  return { slate, predictions: parseCsv(slate.predictions), actuals: parseCsv(slate.actuals) };
}

function dnpCounts(actuals: readonly CsvRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of actuals) {
    const style = dnpStyle(a);
    if (style === null) continue;
    const key = `${a['injury_status'] || 'NONE'}/${style}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe.each(SEEDS)('a 7-day slate with seed %i contains every feature', (seed) => {
  const { slate, predictions, actuals } = load(seed);
  const selection = selectLatest(predictions, actuals);

  it('has stale versions of a selected business key, as many as stats says', () => {
    expect(selection.sourceDuplicates).toBeGreaterThan(0);
    expect(selection.sourceDuplicates).toBe(slate.stats.staleVersions);
  });

  it('has lines that moved during the day, as many superseded versions as stats says', () => {
    expect(selection.movedTriples).toBeGreaterThan(0);
    expect(selection.supersededLines).toBe(slate.stats.supersededVersions);
  });

  it('has withdrawn versions (is_active=false)', () => {
    const withdrawn = predictions.filter((p) => p['is_active'] === 'false');
    expect(withdrawn.length).toBeGreaterThan(0);
    expect(withdrawn.length).toBe(slate.stats.withdrawnVersions);
  });

  it('has late predictions created after the game started', () => {
    const late = lateRows(predictions, actuals);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBe(slate.stats.lateVersions);
  });

  it('has NO_LINE rows with an empty line, and PASS, OVER and UNDER rows', () => {
    const noLine = predictions.filter((p) => p['line_value'] === '');
    expect(noLine.length).toBeGreaterThan(0);
    for (const p of noLine) expect(p['recommendation']).toBe('NO_LINE');
    const counts = new Map<string, number>();
    for (const p of predictions)
      counts.set(p['recommendation']!, (counts.get(p['recommendation']!) ?? 0) + 1);
    expect(counts.get('NO_LINE')).toBe(noLine.length);
    for (const r of ['PASS', 'OVER', 'UNDER']) expect(counts.get(r) ?? 0).toBeGreaterThan(0);
  });

  it('has every injury status as a DNP in both spellings', () => {
    const counts = dnpCounts(actuals);
    for (const status of [...INJURY_STATUSES, 'NONE']) {
      expect(counts.get(`${status}/flagged`) ?? 0, `${status}/flagged`).toBeGreaterThan(0);
      expect(counts.get(`${status}/zero_minutes`) ?? 0, `${status}/zero_minutes`).toBeGreaterThan(
        0,
      );
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const stated = Object.values(slate.stats.dnpByStatus).reduce((a, b) => a + b, 0);
    expect(total).toBe(stated);
  });

  it('has pushes on integer lines, as many as stats expects', () => {
    const pushes = pushRows(selection.selected, actuals);
    expect(pushes.length).toBeGreaterThan(0);
    for (const p of pushes) expect(Number.isInteger(Number(p['line_value']))).toBe(true);
    expect(pushes.length).toBe(slate.stats.pushesExpected);
  });

  it('has predicted players without an actual row in a game that has actuals', () => {
    const starts = gameStarts(actuals);
    const actualPairs = new Set(actuals.map(pairKey));
    const missing = new Set(
      selection.selected
        .filter((p) => starts.has(p['game_id']!) && !actualPairs.has(pairKey(p)))
        .map(pairKey),
    );
    expect(missing.size).toBeGreaterThan(0);
    expect(missing.size).toBe(slate.stats.missingActuals);
  });

  it('has exactly one postponed game in the whole slate', () => {
    const postponed = new Set(
      actuals.filter((a) => a['game_status'] === 'postponed').map((a) => a['game_id']),
    );
    expect(postponed.size).toBe(1);
    expect(slate.stats.postponedGames).toBe(1);
  });

  it('passes the coverage gate on every date', () => {
    const statusOf = new Map(actuals.map((a) => [a['game_id']!, a['game_status']!]));
    for (const date of slate.dates) {
      const games = new Set(
        selection.selected.filter((p) => p['game_date'] === date).map((p) => p['game_id']!),
      );
      const counted = [...games].filter((g) => statusOf.get(g) !== 'postponed');
      const withActuals = counted.filter((g) => statusOf.has(g));
      expect(counted.length, date).toBeGreaterThan(0);
      expect(withActuals.length * 100, date).toBeGreaterThanOrEqual(counted.length * 80);
    }
  });
});
