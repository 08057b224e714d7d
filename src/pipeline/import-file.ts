/**
 * Reading a graded-rows file (`import accuracy`, CSV or JSONL with the prediction_accuracy
 * column names) through the input layer: the same record readers and strict field validators as
 * `ingest`, so problems name the file, the 1-based line and the field. Required: the business key
 * columns (line_value may be empty: NULL), game_date, recommendation and graded_at. Rows are
 * taken as they are (graded_at, run_id and fence_token included); a game_id under two dates is
 * bad input, and keys repeated within the file are reported.
 */
import { businessKey } from '../domain/keys.js';
import { type AccuracyRow, RECOMMENDATIONS, VOID_REASONS } from '../domain/types.js';
import type { InputError } from '../errors.js';
import type { FieldReader } from '../input/field-reader.js';
import { GameDates } from '../input/game-dates.js';
import { MIN_ABS_AMERICAN_ODDS } from '../input/prediction-row.js';
import { type ReadInputOptions, readRows } from '../input/read-rows.js';
import type { RecordSchema } from '../input/records.js';
import { ACCURACY_COLUMNS } from '../store/columns.js';
import type { AccuracyKey } from '../store/store.js';

const REQUIRED = [
  'player_lookup',
  'game_id',
  'system_id',
  'line_value',
  'game_date',
  'recommendation',
  'graded_at',
];

/** Columns of an accuracy file: every prediction_accuracy column, the key and stamps required. */
export const ACCURACY_SCHEMA: RecordSchema = {
  required: REQUIRED,
  optional: ACCURACY_COLUMNS.map((c) => c.column).filter((c) => !REQUIRED.includes(c)),
};

function requiredText(fields: FieldReader, field: string): string {
  return fields.required(field, fields.text(field));
}

function oddsAmerican(fields: FieldReader): number | null {
  const odds = fields.integer('odds_american');
  if (odds !== null && Math.abs(odds) < MIN_ABS_AMERICAN_ODDS) {
    const what = 'American odds must be -100 or below, or 100 or above';
    throw fields.problem('odds_american', what, fields.raw('odds_american'));
  }
  return odds;
}

/** The row one record describes (throws InputError naming the first bad field). */
export function toAccuracyRow(fields: FieldReader): AccuracyRow {
  return {
    playerLookup: requiredText(fields, 'player_lookup'),
    gameId: requiredText(fields, 'game_id'),
    systemId: requiredText(fields, 'system_id'),
    lineValue: fields.number('line_value', { min: 0 }),
    gameDate: fields.required('game_date', fields.date('game_date')),
    predictionId: fields.text('prediction_id'),
    teamAbbr: fields.text('team_abbr'),
    opponentTeamAbbr: fields.text('opponent_team_abbr'),
    predictedPoints: fields.number('predicted_points', { min: 0 }),
    confidenceScore: fields.number('confidence_score', { min: 0, max: 1 }),
    confidenceDecile: fields.integer('confidence_decile', { min: 1, max: 10 }),
    recommendation: fields.required(
      'recommendation',
      fields.choice('recommendation', RECOMMENDATIONS),
    ),
    actualPoints: fields.integer('actual_points', { min: 0 }),
    minutesPlayed: fields.number('minutes_played', { min: 0 }),
    absoluteError: fields.number('absolute_error', { min: 0 }),
    signedError: fields.number('signed_error'),
    predictionCorrect: fields.boolean('prediction_correct'),
    predictedMargin: fields.number('predicted_margin'),
    actualMargin: fields.number('actual_margin'),
    within3Points: fields.boolean('within_3_points'),
    within5Points: fields.boolean('within_5_points'),
    isVoided: fields.boolean('is_voided'),
    voidReason: fields.choice('void_reason', VOID_REASONS),
    modelVersion: fields.text('model_version'),
    oddsAmerican: oddsAmerican(fields),
    profitUnits: fields.number('profit_units'),
    gradedAt: fields.required('graded_at', fields.timestamp('graded_at')),
    runId: fields.text('run_id'),
    fenceToken: fields.integer('fence_token', { min: 0 }),
  };
}

/** A key repeated within the file, with the lines of its rows. */
export interface RepeatedKey {
  key: AccuracyKey;
  lines: number[];
}

/** A validated accuracy file. */
export interface AccuracyFile {
  file: string;
  sha256: string;
  rowsRead: number;
  rows: { line: number; value: AccuracyRow }[];
  /** Keys with more than one row in the file, in order of first appearance. */
  repeatedKeys: RepeatedKey[];
  warnings: string[];
}

/** Collects rows: one date per game, and the lines of every key. */
class RowCollector {
  readonly rows: { line: number; value: AccuracyRow }[] = [];
  private readonly linesByKey = new Map<string, RepeatedKey>();
  private readonly gameDates: GameDates;

  constructor(file: string) {
    this.gameDates = new GameDates(file);
  }

  add(line: number, value: AccuracyRow): InputError | null {
    const conflict = this.gameDates.check(value.gameId, value.gameDate, line);
    if (conflict) return conflict;
    this.rows.push({ line, value });
    const id = businessKey(value);
    const seen = this.linesByKey.get(id);
    if (seen) seen.lines.push(line);
    else {
      const { playerLookup, gameId, systemId, lineValue, gameDate } = value;
      const key = { playerLookup, gameId, systemId, lineValue, gameDate };
      this.linesByKey.set(id, { key, lines: [line] });
    }
    return null;
  }

  repeated(): RepeatedKey[] {
    return [...this.linesByKey.values()].filter((k) => k.lines.length > 1);
  }
}

/** Read and validate an accuracy file; InputError (exit 2) on any problem. */
export async function readAccuracyFile(
  path: string,
  opts: ReadInputOptions = {},
): Promise<AccuracyFile> {
  const collector = new RowCollector(path);
  const summary = await readRows(path, opts, {
    schema: ACCURACY_SCHEMA,
    build: toAccuracyRow,
    accept: (line, value) => collector.add(line, value),
  });
  return { file: path, ...summary, rows: collector.rows, repeatedKeys: collector.repeated() };
}
