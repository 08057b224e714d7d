import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { accuracyRows, digestAll, withStore } from '../helpers/sqlite-db.js';

const DATE = '2026-03-05';
const NUMERIC = [
  'line_value',
  'predicted_points',
  'actual_points',
  'absolute_error',
  'signed_error',
  'predicted_margin',
  'actual_margin',
  'confidence_decile',
  'profit_units',
];
const FIELD: Record<string, string> = {
  system_id: 'systemId',
  player_lookup: 'playerLookup',
  line_value: 'lineValue',
  predicted_points: 'predictedPoints',
  actual_points: 'actualPoints',
  prediction_correct: 'predictionCorrect',
  is_voided: 'isVoided',
  void_reason: 'voidReason',
  absolute_error: 'absoluteError',
  signed_error: 'signedError',
  within_3_points: 'within3Points',
  within_5_points: 'within5Points',
  predicted_margin: 'predictedMargin',
  actual_margin: 'actualMargin',
  confidence_decile: 'confidenceDecile',
  profit_units: 'profitUnits',
};

function expectedValue(column: string, raw: string): unknown {
  if (raw === '') return null;
  if (NUMERIC.includes(column)) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw;
}

async function setup(db: string): Promise<void> {
  for (const kind of ['actuals', 'predictions']) {
    const r = await runCli([
      'ingest',
      kind,
      join(EXAMPLE_DIR, `${kind}.csv`),
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
}

describe('grade on SQLite, end to end through the CLI', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'example.db');
  beforeAll(() => setup(db));
  afterAll(() => tmp.cleanup());

  it('grades the worked example exactly as expected_accuracy.csv and expected_performance.csv say', async () => {
    const result = await runCli(['grade', '--date', DATE, '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = jsonOf<Record<string, unknown>>(result);
    expect(report).toMatchObject({
      status: 'succeeded',
      sourceDuplicatesDropped: 1,
      supersededLines: 1,
      latePredictions: 0,
      duplicateKeys: 0,
      rowsReplaced: 0,
    });
    const expected = parse(readFileSync(join(EXAMPLE_DIR, 'expected_accuracy.csv')), {
      columns: true,
    }) as Record<string, string>[];
    const rows = await accuracyRows(db, DATE);
    expect(rows).toHaveLength(expected.length);
    expect(report.rowsWritten).toBe(expected.length);
    for (const want of expected) {
      const got = rows.find(
        (r) => r.systemId === want.system_id && r.playerLookup === want.player_lookup,
      );
      expect(got, `${want.system_id}/${want.player_lookup}`).toBeDefined();
      for (const [column, raw] of Object.entries(want)) {
        const value = (got as unknown as Record<string, unknown>)[FIELD[column]!];
        const exp = expectedValue(column, raw);
        if (typeof exp === 'number') expect(value as number, column).toBeCloseTo(exp, 9);
        else expect(value, `${want.player_lookup} ${column}`).toEqual(exp);
      }
    }
    const perf = await withStore(db, (s) => s.readPerformance({ from: DATE, to: DATE }));
    const expectedPerf = parse(readFileSync(join(EXAMPLE_DIR, 'expected_performance.csv')), {
      columns: true,
    }) as Record<string, string>[];
    expect(perf.map((p) => p.systemId)).toEqual(expectedPerf.map((p) => p.system_id));
    for (const want of expectedPerf) {
      const got = perf.find((p) => p.systemId === want.system_id)!;
      expect(got.predictions).toBe(Number(want.predictions));
      expect(got.hitRate!).toBeCloseTo(Number(want.hit_rate), 9);
      expect(got.mae!).toBeCloseTo(Number(want.mae), 9);
      expect(got.roi!).toBeCloseTo(Number(want.roi), 9);
    }
  });

  it('grading a date twice gives identical rows apart from graded_at, run_id and fence_token', async () => {
    const strip = (rows: Awaited<ReturnType<typeof accuracyRows>>) =>
      rows.map(({ gradedAt, runId, fenceToken, ...rest }) => rest);
    const first = await accuracyRows(db, DATE);
    const again = await runCli(['grade', '--date', DATE, '--db', db, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(jsonOf(again)).toMatchObject({ rowsReplaced: first.length, rowsWritten: first.length });
    const second = await accuracyRows(db, DATE);
    expect(strip(second)).toEqual(strip(first));
    expect(second[0]!.runId).not.toBe(first[0]!.runId);
    expect(second[0]!.fenceToken).toBeGreaterThan(first[0]!.fenceToken!);
    expect(new Set(second.map((r) => r.gradedAt)).size).toBe(1);
  });

  it('a dry run plans, records one dry_run ledger row, and changes no table but the ledger', async () => {
    const before = await digestAll(db);
    const result = await runCli(['grade', '--date', DATE, '--db', db, '--json', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(jsonOf(result)).toMatchObject({
      status: 'dry_run',
      rowsPlanned: 9,
      rowsWritten: 0,
      currentHolder: null,
    });
    const after = await digestAll(db);
    expect({ ...after, grading_runs: null }).toEqual({ ...before, grading_runs: null });
    expect(after.grading_runs!.rows).toBe(before.grading_runs!.rows + 1);
  });

  it('refuses a date without predictions (coverage gate), exit 2, nothing written', async () => {
    const before = await digestAll(db);
    const result = await runCli(['grade', '--date', '2026-03-06', '--db', db, '--json']);
    expect(result.code).toBe(2);
    expect(jsonOf(result)).toMatchObject({ status: 'refused_coverage', rowsWritten: 0 });
    const after = await digestAll(db);
    expect(after.prediction_accuracy).toEqual(before.prediction_accuracy);
  });
});
