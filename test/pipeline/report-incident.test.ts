/**
 * The incident report's "Duplicate Distribution by Date", rebuilt row for row (497,304 rows on
 * SQLite, appended through the store) with the ledger of a scheduled run and a backfill racing
 * on every date, and reproduced exactly by `propgrade report`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportText } from '../../src/cli/commands/report.js';
import type { AccuracyRow } from '../../src/domain/types.js';
import type { InvestigationReport } from '../../src/pipeline/report-investigate.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { addDays } from '../../src/util/dates.js';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { appendRows, generatedRow, insertPastRuns, type PastRun } from './report-fixtures.js';

/** The incident's table: per date, total rows and NULL-safe unique keys, and its Duplication %. */
const INCIDENT = [
  { date: '2026-01-10', rows: 452_220, keys: 263_274, percent: '0.4178' },
  { date: '2026-01-11', rows: 35_166, keys: 35_009, percent: '0.0045' },
  { date: '2026-01-14', rows: 7_075, keys: 5_762, percent: '0.1856' },
  { date: '2026-01-15', rows: 328, keys: 255, percent: '0.2226' },
  { date: '2026-01-16', rows: 2_515, keys: 2_189, percent: '0.1296' },
];

const at = (date: string, hhmm: string) => `${addDays(date, 1)}T${hhmm}:00.000Z`;

/** Every key once from the scheduled run, then the racing backfill's second copy of `rows − keys` keys. */
function* incidentRows(): Generator<AccuracyRow> {
  for (const d of INCIDENT) {
    const scheduled = { runId: `${d.date}-scheduled`, gradedAt: at(d.date, '07:02') };
    const backfill = { runId: `${d.date}-backfill`, gradedAt: at(d.date, '07:06') };
    for (let i = 0; i < d.keys; i++) yield generatedRow(d.date, i, scheduled);
    for (let i = 0; i < d.rows - d.keys; i++) yield generatedRow(d.date, i, backfill);
  }
}

/** Jan 10's scheduled run held its date for 179 minutes; each backfill ran inside it. */
function incidentRuns(): PastRun[] {
  return INCIDENT.flatMap((d): PastRun[] => [
    {
      runId: `${d.date}-scheduled`,
      gameDate: d.date,
      trigger: 'scheduled',
      lockMode: 'none',
      startedAt: at(d.date, '07:01'),
      lockAcquiredAt: at(d.date, '07:01'),
      finishedAt: d.date === '2026-01-10' ? at(d.date, '10:00') : at(d.date, '07:03'),
    },
    {
      runId: `${d.date}-backfill`,
      gameDate: d.date,
      trigger: 'backfill',
      lockMode: 'none',
      startedAt: at(d.date, '07:02'),
      lockAcquiredAt: at(d.date, '07:02'),
      finishedAt: at(d.date, '07:07'),
    },
  ]);
}

describe('report on the incident table (SQLite)', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'incident.db');
  let report: InvestigationReport;

  beforeAll(async () => {
    const store = createSqliteStore(db);
    try {
      await store.migrate();
      await appendRows(store, incidentRows());
      await insertPastRuns(store, db, incidentRuns());
    } finally {
      await store.close();
    }
    const result = await runCli(['report', '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    report = jsonOf<InvestigationReport>(result);
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('reproduces the totals: 497,304 rows, 306,489 unique keys, 190,815 duplicates, 38.37%', () => {
    const t = report.totals;
    expect([t.rows, t.uniqueKeys, t.duplicateRows]).toEqual([497_304, 306_489, 190_815]);
    expect(t.duplicateRate!.toFixed(4)).toBe('0.3837');
    expect(t.duplicateKeys).toBe(190_815);
    expect(t.naiveUniqueKeys).toBeLessThan(t.uniqueKeys);
    expect(t.nullLineRows).toBeGreaterThan(0);
  });

  it("reproduces each date's row, and 0.7177 duplicates per unique key on January 10", () => {
    expect(report.byDate.map((d) => d.gameDate)).toEqual(INCIDENT.map((d) => d.date).sort());
    for (const want of INCIDENT) {
      const got = report.byDate.find((d) => d.gameDate === want.date)!;
      expect([got.rows, got.uniqueKeys, got.duplicateRows]).toEqual([
        want.rows,
        want.keys,
        want.rows - want.keys,
      ]);
      expect(got.duplicateRate!.toFixed(4), want.date).toBe(want.percent);
    }
    const jan10 = report.byDate.find((d) => d.gameDate === '2026-01-10')!;
    expect(jan10.duplicateRows).toBe(188_946);
    expect(jan10.duplicatesPerUniqueKey!.toFixed(4)).toBe('0.7177');
  });

  it('attributes every duplicate key to the racing runs; the causes sum to the duplicate keys', () => {
    const c = report.causes;
    expect(c.concurrentRuns).toBe(190_815);
    expect(c.concurrentRuns + c.sameRun + c.unknown).toBe(report.totals.duplicateKeys);
    expect(c.lineMovement).toBe(0);
  });

  it('shows the overlapping hold windows and the 179-minute run', () => {
    expect(report.overlappingRuns).toHaveLength(INCIDENT.length);
    const jan10 = report.overlappingRuns.find((o) => o.gameDate === '2026-01-10')!;
    expect(jan10).toEqual({
      gameDate: '2026-01-10',
      runIds: ['2026-01-10-scheduled', '2026-01-10-backfill'],
      from: '2026-01-11T07:02:00.000Z',
      to: '2026-01-11T07:07:00.000Z',
    });
    expect(report.longRuns.map((r) => [r.runId, r.durationMs])).toEqual([
      ['2026-01-10-scheduled', 179 * 60_000],
    ]);
  });

  it('counts fewer graded bets without the duplicates, for every system', () => {
    expect(report.accuracy).toHaveLength(5);
    for (const a of report.accuracy) {
      expect(a.withDuplicates.graded).toBeGreaterThan(a.withoutDuplicates.graded);
      expect(a.withoutDuplicates.hitRate).toBeCloseTo(
        a.withoutDuplicates.correct / a.withoutDuplicates.graded,
        12,
      );
    }
  });

  it('renders the same figures for people', () => {
    const text = reportText(report);
    expect(text).toContain(
      '497,304 rows · 306,489 unique keys (NULL-safe) · 190,815 duplicate rows (38.37%)',
    );
    expect(text).toMatch(
      /2026-01-10 *│ 452,220 *│ 263,274 *│ 188,946 *│ 188,946 *│ 41\.78% *│ 0\.7177/,
    );
    expect(text).toContain('190,815 concurrent runs');
  });
});
