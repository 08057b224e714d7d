/**
 * The incident's true shape: many rows without a line and 214 duplicate keys (428 rows). A
 * NULL-unsafe `COUNT(DISTINCT CONCAT(..., line_value))` drops every row without a line and so
 * reports far fewer unique keys (and thousands of "duplicates"); the report shows both counts.
 * The table arrives through `import accuracy --drop-guard` from a legacy export without run ids.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DedupeReport } from '../../src/pipeline/dedupe.js';
import type { InvestigationReport } from '../../src/pipeline/report-investigate.js';
import { addDays } from '../../src/util/dates.js';
import { jsonOf, tempDir } from '../helpers/cli.js';
import { cliOk } from './dedupe-fixture.js';

const KEYS_PER_DATE = 10_000;
const DATES = ['2026-01-14', '2026-01-15', '2026-01-16'];
const DUPLICATE_KEYS = 214;

/** Every 5th key of a date has no line (2 in 5); the first 214 keys overall repeat once, exactly. */
function legacyExport(file: string): { rows: number; nullLineRows: number; lineKeys: number } {
  const lines = ['player_lookup,game_id,system_id,line_value,game_date,recommendation,graded_at'];
  let nullLineRows = 0;
  let lineKeys = 0;
  let repeated = 0;
  for (const date of DATES) {
    for (let i = 0; i < KEYS_PER_DATE; i++) {
      const noLine = i % 5 < 2;
      const line = noLine ? '' : `${10 + (i % 25)}.5`;
      const row = `p${i},${date}_g${i % 12},sys_${i % 4},${line},${date},${noLine ? 'NO_LINE' : 'OVER'},${addDays(date, 1)}T07:00:00Z`;
      const copies = repeated < DUPLICATE_KEYS ? 2 : 1;
      if (copies === 2) repeated += 1;
      for (let c = 0; c < copies; c++) lines.push(row);
      if (noLine) nullLineRows += copies;
      else lineKeys += 1;
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { rows: lines.length - 1, nullLineRows, lineKeys };
}

describe('report on the true shape of the incident: NULL lines and 214 duplicate keys', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'null-lines.db');
  let made: ReturnType<typeof legacyExport>;
  let report: InvestigationReport;

  beforeAll(async () => {
    made = legacyExport(join(tmp.dir, 'legacy.csv'));
    await cliOk(db, 'import', 'accuracy', join(tmp.dir, 'legacy.csv'), '--drop-guard');
    report = jsonOf<InvestigationReport>(await cliOk(db, 'report', '--json'));
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('counts 214 duplicate keys of 428 rows, NULL-safe', () => {
    expect(made.rows).toBe(DATES.length * KEYS_PER_DATE + DUPLICATE_KEYS);
    expect(report.totals).toMatchObject({
      rows: made.rows,
      uniqueKeys: DATES.length * KEYS_PER_DATE,
      duplicateRows: DUPLICATE_KEYS,
      duplicateKeys: DUPLICATE_KEYS,
      nullLineRows: made.nullLineRows,
    });
    expect(report.totals.duplicateRate).toBeCloseTo(DUPLICATE_KEYS / made.rows, 12);
  });

  it('shows the naive unique keys far below the NULL-safe ones', () => {
    expect(report.totals.naiveUniqueKeys).toBe(made.lineKeys);
    expect(report.totals.naiveUniqueKeys).toBeLessThan(0.7 * report.totals.uniqueKeys);
    expect(report.totals.rows - report.totals.naiveUniqueKeys).toBeGreaterThan(50 * DUPLICATE_KEYS);
  });

  it('finds them exact copies of unknown origin (no run ids, identical graded_at)', () => {
    expect(report.causes).toMatchObject({
      unknown: DUPLICATE_KEYS,
      unknownIdenticalGradedAt: DUPLICATE_KEYS,
      concurrentRuns: 0,
      sameRun: 0,
    });
  });

  it('prints both counts for people', async () => {
    const text = (await cliOk(db, 'report')).stdout;
    const n = (x: number) => x.toLocaleString('en-US');
    expect(text).toContain(`${n(report.totals.uniqueKeys)} unique keys (NULL-safe)`);
    expect(text).toContain(
      `sees only ${n(made.lineKeys)} keys and would claim ${n(made.rows - made.lineKeys)} "duplicates"`,
    );
  });

  it('dedupe removes exactly the 214 extra rows', async () => {
    const cleaned = jsonOf<DedupeReport>(await cliOk(db, 'dedupe', '--json'));
    expect(cleaned).toMatchObject({ removed: DUPLICATE_KEYS, guardInstalled: true });
    expect(cleaned.after).toEqual({
      rows: DATES.length * KEYS_PER_DATE,
      uniqueKeys: DATES.length * KEYS_PER_DATE,
    });
  });
});
