/**
 * The slate in the exact input file format of `ingest predictions` and `ingest actuals`: the
 * column names of SPEC section 2, empty fields for NULL, `true`/`false` booleans, `\n` line ends.
 */
import { compareText } from '../domain/keys.js';
import type { PlayerGame } from './outcomes.js';
import type { PredictionRow } from './predictions.js';

/** Header of the predictions file (prediction_id is left to the ingest to derive). */
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

/** Header of the actuals file. */
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

type Fields<C extends readonly string[]> = Record<C[number], string>;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function toCsv<C extends readonly string[]>(columns: C, rows: readonly Fields<C>[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c: C[number]) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

function text(value: number | string | null): string {
  return value === null ? '' : String(value);
}

function predictionFields(row: PredictionRow): Fields<typeof PREDICTION_COLUMNS> {
  return {
    system_id: row.systemId,
    player_lookup: row.playerLookup,
    game_id: row.gameId,
    game_date: row.gameDate,
    line_value: text(row.lineValue),
    predicted_points: row.predictedPoints.toFixed(1),
    recommendation: row.recommendation,
    confidence_score: text(row.confidenceScore),
    odds_american: text(row.oddsAmerican),
    created_at: row.createdAt,
    is_active: String(row.isActive),
    model_version: text(row.modelVersion),
  };
}

function comparePredictions(a: PredictionRow, b: PredictionRow): number {
  return (
    compareText(a.gameDate, b.gameDate) ||
    compareText(a.createdAt, b.createdAt) ||
    compareText(a.systemId, b.systemId) ||
    compareText(a.gameId, b.gameId) ||
    compareText(a.playerLookup, b.playerLookup)
  );
}

/** The predictions file, rows in delivery order (date, then creation time). */
export function predictionsCsv(rows: readonly PredictionRow[]): string {
  return toCsv(PREDICTION_COLUMNS, [...rows].sort(comparePredictions).map(predictionFields));
}

function boxScore(
  pg: PlayerGame,
): [points: string, minutes: string, isDnp: string, injury: string] {
  const o = pg.outcome;
  if (o.kind === 'played')
    return [String(o.points), String(o.minutes), 'false', text(o.injuryStatus)];
  if (o.kind === 'dnp' && o.style === 'flagged') return ['', '', 'true', text(o.injuryStatus)];
  if (o.kind === 'dnp') return ['0', '0', 'false', text(o.injuryStatus)];
  return ['', '', 'false', ''];
}

function actualFields(pg: PlayerGame): Fields<typeof ACTUAL_COLUMNS> {
  const [points, minutes, isDnp, injury] = boxScore(pg);
  return {
    player_lookup: pg.player.lookup,
    game_id: pg.game.gameId,
    game_date: pg.game.gameDate,
    points,
    minutes_played: minutes,
    is_dnp: isDnp,
    injury_status: injury,
    team_abbr: pg.player.teamAbbr,
    opponent_team_abbr: pg.opponentAbbr,
    game_start_at: pg.game.startAt,
    game_status: pg.outcome.kind === 'postponed' ? 'postponed' : 'final',
  };
}

/** The actuals file: one row per player-game, except the player-games with no box score row. */
export function actualsCsv(playerGames: readonly PlayerGame[]): string {
  const rows = playerGames.filter((pg) => pg.outcome.kind !== 'missing');
  return toCsv(ACTUAL_COLUMNS, rows.map(actualFields));
}
