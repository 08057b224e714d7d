/**
 * Loads the worked example of SPEC section 3 (`shared/examples/grading/`) into domain rows. A
 * deliberately small parser for these four files only; the real input parser lives in src/input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type {
  ActualRow,
  InjuryStatus,
  PredictionVersion,
  Recommendation,
} from '../../src/domain/types.js';
import { parseTimestamp } from '../../src/util/dates.js';

/** The `shared/` folder laid beside the repository (locally and in CI). */
const SHARED_EXAMPLES = fileURLToPath(new URL('../../../shared/examples', import.meta.url));

/** Where the worked example lives (PROPGRADE_EXAMPLES_DIR overrides `shared/examples`). */
export const EXAMPLE_DIR = join(
  process.env['PROPGRADE_EXAMPLES_DIR'] ?? SHARED_EXAMPLES,
  'grading',
);

type Record = { [column: string]: string };

/** The records of one CSV file of the example, keyed by header. */
export function readExampleCsv(file: string): Record[] {
  return parse(readFileSync(join(EXAMPLE_DIR, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record[];
}

/** A field as text, or null when empty or absent. */
export function text(r: Record, column: string): string | null {
  const value = r[column];
  return value === undefined || value === '' ? null : value;
}

/** A field as a number, or null when empty. */
export function num(r: Record, column: string): number | null {
  const value = text(r, column);
  return value === null ? null : Number(value);
}

/** A field as a boolean, or null when empty. */
export function bool(r: Record, column: string): boolean | null {
  const value = text(r, column);
  return value === null ? null : value.toLowerCase() === 'true';
}

function timestamp(r: Record, column: string): string {
  const parsed = parseTimestamp(text(r, column) ?? '');
  if (parsed === null) throw new Error(`bad ${column}: ${r[column]}`);
  return parsed;
}

function toPrediction(r: Record): PredictionVersion {
  const createdAt = timestamp(r, 'created_at');
  const systemId = text(r, 'system_id')!;
  const playerLookup = text(r, 'player_lookup')!;
  return {
    predictionId: `${systemId}|${playerLookup}|${createdAt}`,
    systemId,
    playerLookup,
    gameId: text(r, 'game_id')!,
    gameDate: text(r, 'game_date')!,
    lineValue: num(r, 'line_value'),
    predictedPoints: num(r, 'predicted_points')!,
    confidenceScore: num(r, 'confidence_score'),
    recommendation: text(r, 'recommendation')!.toUpperCase() as Recommendation,
    createdAt,
    modelVersion: text(r, 'model_version'),
    oddsAmerican: num(r, 'odds_american'),
    isWithdrawn: bool(r, 'is_active') === false,
  };
}

function toActual(r: Record): ActualRow {
  const start = text(r, 'game_start_at');
  return {
    playerLookup: text(r, 'player_lookup')!,
    gameId: text(r, 'game_id')!,
    gameDate: text(r, 'game_date')!,
    points: num(r, 'points'),
    minutesPlayed: num(r, 'minutes_played'),
    isDnp: bool(r, 'is_dnp') ?? false,
    teamAbbr: text(r, 'team_abbr'),
    opponentTeamAbbr: text(r, 'opponent_team_abbr'),
    injuryStatus: text(r, 'injury_status') as InjuryStatus | null,
    gameStartAt: start === null ? null : timestamp(r, 'game_start_at'),
    gameStatus: (text(r, 'game_status') as ActualRow['gameStatus'] | null) ?? 'final',
  };
}

/** The example's prediction versions. */
export function examplePredictions(): PredictionVersion[] {
  return readExampleCsv('predictions.csv').map(toPrediction);
}

/** The example's actual rows. */
export function exampleActuals(): ActualRow[] {
  return readExampleCsv('actuals.csv').map(toActual);
}
