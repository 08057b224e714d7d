/** Shared fixtures of the input tests: temp files, CSV builders, error assertions. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';

/** A temp directory for one test file, removed by `cleanup`. */
export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `propgrade-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Write `content` to `dir/name` and return the path. */
export function writeInput(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Columns of the prediction CSV fixtures, in order. */
export const PREDICTION_COLUMNS = [
  'system_id',
  'player_lookup',
  'game_id',
  'game_date',
  'line_value',
  'predicted_points',
  'recommendation',
  'confidence_score',
  'odds_american',
  'created_at',
  'is_active',
  'model_version',
] as const;

/** Columns of the actual CSV fixtures, in order. */
export const ACTUAL_COLUMNS = [
  'player_lookup',
  'game_id',
  'game_date',
  'points',
  'minutes_played',
  'is_dnp',
  'injury_status',
  'team_abbr',
  'opponent_team_abbr',
  'game_start_at',
  'game_status',
] as const;

const PREDICTION_DEFAULTS: Record<string, string> = {
  system_id: 'sys_a',
  player_lookup: 'jaysontatum',
  game_id: 'g1',
  game_date: '2026-03-05',
  line_value: '27.5',
  predicted_points: '30.1',
  recommendation: 'OVER',
  confidence_score: '0.64',
  odds_american: '-115',
  created_at: '2026-03-05T16:00:00Z',
  is_active: 'true',
  model_version: '',
};

const ACTUAL_DEFAULTS: Record<string, string> = {
  player_lookup: 'jaysontatum',
  game_id: 'g1',
  game_date: '2026-03-05',
  points: '31',
  minutes_played: '36',
  is_dnp: 'false',
  injury_status: '',
  team_abbr: 'BOS',
  opponent_team_abbr: 'NYK',
  game_start_at: '2026-03-05T19:30:00-05:00',
  game_status: 'final',
};

function csvLine(columns: readonly string[], values: Record<string, string>): string {
  return columns.map((c) => values[c] ?? '').join(',');
}

/** A prediction CSV row (defaults overridden by `edits`; values are written as given). */
export function predictionRow(edits: Record<string, string> = {}): string {
  return csvLine(PREDICTION_COLUMNS, { ...PREDICTION_DEFAULTS, ...edits });
}

/** An actual CSV row (defaults overridden by `edits`). */
export function actualRow(edits: Record<string, string> = {}): string {
  return csvLine(ACTUAL_COLUMNS, { ...ACTUAL_DEFAULTS, ...edits });
}

/** A predictions CSV: header and rows, LF line ends and a final newline. */
export function predictionsCsv(...rows: string[]): string {
  return [PREDICTION_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** An actuals CSV: header and rows. */
export function actualsCsv(...rows: string[]): string {
  return [ACTUAL_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** A prediction as a JSONL object with its defaults (numbers and booleans typed). */
export function predictionJson(edits: Record<string, unknown> = {}): string {
  return JSON.stringify({
    system_id: 'sys_a',
    player_lookup: 'jaysontatum',
    game_id: 'g1',
    game_date: '2026-03-05',
    line_value: 27.5,
    predicted_points: 30.1,
    recommendation: 'OVER',
    confidence_score: 0.64,
    odds_american: -115,
    created_at: '2026-03-05T16:00:00Z',
    is_active: true,
    ...edits,
  });
}

/** Where an input error must point. `line`/`field` undefined: the error is about the whole file. */
export interface ExpectedWhere {
  file: string;
  line?: number;
  field?: string;
}

/** The InputError `work` rejects with; fails the test when it resolves or throws something else. */
export async function inputErrorOf(work: Promise<unknown>): Promise<InputError> {
  const outcome = await work.then(
    () => null,
    (err: unknown) => err,
  );
  expect(outcome, 'expected the input to be rejected').toBeInstanceOf(InputError);
  return outcome as InputError;
}

/** Assert that `err` names the file, the line and the field, in its message and on `where`. */
export function expectWhere(err: InputError, expected: ExpectedWhere): void {
  const firstLine = err.message.split('\n')[0]!;
  expect(err.where.file).toBe(expected.file);
  expect(firstLine.startsWith(`${expected.file}:`)).toBe(true);
  expect(err.where.line).toBe(expected.line);
  if (expected.line !== undefined)
    expect(firstLine).toContain(`${expected.file}:${expected.line}: `);
  expect(err.where.field).toBe(expected.field);
  if (expected.field !== undefined) expect(firstLine).toContain(`field "${expected.field}"`);
}
