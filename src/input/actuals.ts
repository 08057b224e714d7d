/**
 * Reading an actuals (box-score) file, CSV or JSONL, into validated rows. The whole file is
 * validated before anything is returned; problems name the file, line and field. Key:
 * (player_lookup, game_id), once per file.
 */
import { playerGameKey } from '../domain/keys.js';
import { type ActualRow, GAME_STATUSES, INJURY_STATUSES } from '../domain/types.js';
import type { InputError } from '../errors.js';
import type { FieldReader } from './field-reader.js';
import { GameDates } from './game-dates.js';
import { fieldError } from './problems.js';
import { type ReadInputOptions, readRows } from './read-rows.js';
import type { RecordSchema } from './records.js';

/** A validated actuals file. */
export interface ActualsFile {
  file: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  /** Data records read. */
  rowsRead: number;
  rows: { line: number; value: ActualRow }[];
  warnings: string[];
}

/** Columns of an actuals file. */
export const ACTUAL_SCHEMA: RecordSchema = {
  required: ['player_lookup', 'game_id', 'game_date'],
  optional: [
    'points',
    'minutes_played',
    'is_dnp',
    'team_abbr',
    'opponent_team_abbr',
    'injury_status',
    'game_start_at',
    'game_status',
  ],
  warnWhenAbsent: ['points'],
};

/** The row one record describes (throws InputError naming the first bad field). */
export function toActualRow(fields: FieldReader): ActualRow {
  return {
    playerLookup: fields.required('player_lookup', fields.text('player_lookup')),
    gameId: fields.required('game_id', fields.text('game_id')),
    gameDate: fields.required('game_date', fields.date('game_date')),
    points: fields.integer('points', { min: 0 }),
    minutesPlayed: fields.number('minutes_played', { min: 0 }),
    isDnp: fields.boolean('is_dnp', false) ?? false,
    teamAbbr: fields.text('team_abbr'),
    opponentTeamAbbr: fields.text('opponent_team_abbr'),
    injuryStatus: fields.choice('injury_status', INJURY_STATUSES),
    gameStartAt: fields.timestamp('game_start_at'),
    gameStatus: fields.choice('game_status', GAME_STATUSES) ?? 'final',
  };
}

/** Rows seen so far: the (player, game) key once, one date per game. */
class ActualCollector {
  readonly rows: { line: number; value: ActualRow }[] = [];
  private readonly lineByKey = new Map<string, number>();
  private readonly gameDates: GameDates;

  constructor(private readonly file: string) {
    this.gameDates = new GameDates(file);
  }

  /** Add one row; returns the problem instead when it conflicts with earlier rows. */
  add(line: number, value: ActualRow): InputError | null {
    const key = playerGameKey(value.playerLookup, value.gameId);
    const first = this.lineByKey.get(key);
    if (first !== undefined) {
      const what = `(player_lookup, game_id) repeats line ${first}; one row per player and game`;
      return fieldError(this.file, line, 'player_lookup', what, value.playerLookup);
    }
    const conflict = this.gameDates.check(value.gameId, value.gameDate, line);
    if (conflict) return conflict;
    this.lineByKey.set(key, line);
    this.rows.push({ line, value });
    return null;
  }
}

/** Read and validate an actuals file; InputError (exit 2) on any problem. */
export async function readActualsFile(
  path: string,
  opts: ReadInputOptions = {},
): Promise<ActualsFile> {
  const actuals = new ActualCollector(path);
  const summary = await readRows(path, opts, {
    schema: ACTUAL_SCHEMA,
    build: toActualRow,
    accept: (line, value) => actuals.add(line, value),
  });
  return { file: path, ...summary, rows: actuals.rows };
}
