import { describe, expect, it } from 'vitest';
import { generateSlate } from '../../src/demo/generate.js';
import { isIsoDate, parseTimestamp } from '../../src/util/dates.js';
import { gameStarts, lateRows, parseCsv } from './slate-reader.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const slate = generateSlate({ days: 7, seed: 42, endDate: '2026-03-05' });
const predictions = parseCsv(slate.predictions);
const actuals = parseCsv(slate.actuals);

function valuesOf(column: string, rows = predictions): string[] {
  return rows.map((r) => r[column]!);
}

describe('dates and game ids of a generated slate', () => {
  it('uses real dates inside the slate range only', () => {
    expect(slate.dates).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
    ]);
    const used = new Set([...valuesOf('game_date'), ...valuesOf('game_date', actuals)]);
    for (const date of used) expect(isIsoDate(date) && slate.dates.includes(date), date).toBe(true);
    expect(used.size).toBe(7);
  });

  it('gives each game_id a single date that its id starts with', () => {
    const dateOf = new Map<string, Set<string>>();
    for (const r of [...predictions, ...actuals]) {
      dateOf.set(r['game_id']!, (dateOf.get(r['game_id']!) ?? new Set()).add(r['game_date']!));
    }
    for (const [gameId, dates] of dateOf) {
      expect(dates.size, gameId).toBe(1);
      expect(gameId).toMatch(/^\d{8}_[A-Z]{3}_[A-Z]{3}$/);
      expect(gameId.slice(0, 8)).toBe([...dates][0]!.replaceAll('-', ''));
    }
  });

  it('has one actual row per (player, game) and team fields that match the game id', () => {
    const keys = actuals.map((a) => `${a['player_lookup']}|${a['game_id']}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const a of actuals) {
      const [, away, home] = a['game_id']!.split('_');
      expect([a['team_abbr'], a['opponent_team_abbr']].sort()).toEqual([away, home].sort());
    }
  });

  it('lets no team play twice on one date', () => {
    for (const date of slate.dates) {
      const teams = [
        ...new Set(actuals.filter((a) => a['game_date'] === date).map((a) => a['game_id']!)),
      ].flatMap((id) => id.split('_').slice(1));
      expect(new Set(teams).size, date).toBe(teams.length);
    }
  });

  it('writes every timestamp as an ISO instant with Z', () => {
    for (const ts of [...valuesOf('created_at'), ...valuesOf('game_start_at', actuals)]) {
      expect(ts).toMatch(TIMESTAMP);
      expect(parseTimestamp(ts)).not.toBeNull();
    }
  });

  it('creates on-time predictions on the game date and starts games in the US evening', () => {
    const late = new Set(lateRows(predictions, actuals));
    for (const p of predictions) {
      if (!late.has(p)) expect(p['created_at']!.slice(0, 10)).toBe(p['game_date']);
    }
    for (const [, start] of gameStarts(actuals)) {
      const hour = new Date(start).getUTCHours();
      expect(hour >= 23 || hour <= 3, start).toBe(true);
    }
  });
});

describe('values of a generated slate', () => {
  it('has lines from 5.5 to 35.5 in half points, or empty', () => {
    for (const v of valuesOf('line_value')) {
      if (v === '') continue;
      const line = Number(v);
      expect(line).toBeGreaterThanOrEqual(5.5);
      expect(line).toBeLessThanOrEqual(35.5);
      expect(Number.isInteger(line * 2), v).toBe(true);
    }
  });

  it('has predicted points ≥ 0 with one decimal, and recommendations that follow them', () => {
    for (const p of predictions) {
      expect(p['predicted_points']).toMatch(/^\d+\.\d$/);
      const edge = Number(p['predicted_points']) - Number(p['line_value']);
      if (p['recommendation'] === 'OVER') expect(edge).toBeGreaterThan(0);
      if (p['recommendation'] === 'UNDER') expect(edge).toBeLessThan(0);
    }
  });

  it('keeps each system on one confidence scale, with both 0–1 and 0–100 systems present', () => {
    const scales = new Map<string, Set<string>>();
    for (const p of predictions) {
      const c = p['confidence_score']!;
      const scale = c === '' ? 'empty' : Number(c) <= 1 ? 'unit' : 'percent';
      if (c !== '') expect(Number(c)).toBeGreaterThanOrEqual(0);
      if (c !== '') expect(Number(c)).toBeLessThanOrEqual(100);
      scales.set(p['system_id']!, (scales.get(p['system_id']!) ?? new Set()).add(scale));
    }
    const kinds = [...scales.values()].map((s) => [...s].filter((k) => k !== 'empty'));
    for (const used of kinds) expect(used.length).toBeLessThanOrEqual(1);
    expect(kinds.flat()).toContain('unit');
    expect(kinds.flat()).toContain('percent');
    expect(scales.size).toBe(6);
  });

  it('quotes American odds with |o| ≥ 100 on a minority of rows', () => {
    const odds = valuesOf('odds_american').filter((v) => v !== '');
    expect(odds.length).toBeGreaterThan(0);
    expect(odds.length).toBeLessThan(predictions.length / 4);
    for (const v of odds) {
      expect(v).toMatch(/^-?\d+$/);
      expect(Math.abs(Number(v))).toBeGreaterThanOrEqual(100);
    }
  });

  it('has integer points ≥ 0 or empty, and minutes 15–40 for players who played', () => {
    for (const a of actuals) {
      if (a['points'] !== '') expect(a['points']).toMatch(/^\d+$/);
      const minutes = a['minutes_played']!;
      if (minutes === '' || minutes === '0') continue;
      expect(Number(minutes)).toBeGreaterThanOrEqual(15);
      expect(Number(minutes)).toBeLessThanOrEqual(40);
    }
  });

  it('uses lowercase letter-only player lookups and booleans spelled true/false', () => {
    for (const v of valuesOf('player_lookup')) expect(v).toMatch(/^[a-z]+$/);
    for (const v of [...valuesOf('is_active'), ...valuesOf('is_dnp', actuals)]) {
      expect(['true', 'false']).toContain(v);
    }
  });

  it('keeps every business key at distinct creation times', () => {
    const versions = predictions.map((p) =>
      ['system_id', 'player_lookup', 'game_id', 'line_value', 'created_at']
        .map((c) => p[c])
        .join('|'),
    );
    expect(new Set(versions).size).toBe(versions.length);
  });
});
