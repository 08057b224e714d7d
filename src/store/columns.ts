/**
 * Column specs shared by both stores: the snake_case column, the camelCase field, and the kind
 * that decides how a value is encoded (SQLite stores booleans as 0/1, PostgreSQL as boolean).
 */

export const COLUMN_KINDS = ['text', 'real', 'int', 'bool', 'json'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface ColumnSpec {
  column: string;
  field: string;
  kind: ColumnKind;
}

function spec(list: readonly [string, string, ColumnKind][]): readonly ColumnSpec[] {
  return list.map(([column, field, kind]) => ({ column, field, kind }));
}

/** prediction_accuracy, in table order. */
export const ACCURACY_COLUMNS = spec([
  ['player_lookup', 'playerLookup', 'text'],
  ['game_id', 'gameId', 'text'],
  ['system_id', 'systemId', 'text'],
  ['line_value', 'lineValue', 'real'],
  ['game_date', 'gameDate', 'text'],
  ['prediction_id', 'predictionId', 'text'],
  ['team_abbr', 'teamAbbr', 'text'],
  ['opponent_team_abbr', 'opponentTeamAbbr', 'text'],
  ['predicted_points', 'predictedPoints', 'real'],
  ['confidence_score', 'confidenceScore', 'real'],
  ['confidence_decile', 'confidenceDecile', 'int'],
  ['recommendation', 'recommendation', 'text'],
  ['actual_points', 'actualPoints', 'int'],
  ['minutes_played', 'minutesPlayed', 'real'],
  ['absolute_error', 'absoluteError', 'real'],
  ['signed_error', 'signedError', 'real'],
  ['prediction_correct', 'predictionCorrect', 'bool'],
  ['predicted_margin', 'predictedMargin', 'real'],
  ['actual_margin', 'actualMargin', 'real'],
  ['within_3_points', 'within3Points', 'bool'],
  ['within_5_points', 'within5Points', 'bool'],
  ['is_voided', 'isVoided', 'bool'],
  ['void_reason', 'voidReason', 'text'],
  ['model_version', 'modelVersion', 'text'],
  ['odds_american', 'oddsAmerican', 'int'],
  ['profit_units', 'profitUnits', 'real'],
  ['graded_at', 'gradedAt', 'text'],
  ['run_id', 'runId', 'text'],
  ['fence_token', 'fenceToken', 'int'],
]);

/** predictions, in table order. */
export const PREDICTION_COLUMNS = spec([
  ['prediction_id', 'predictionId', 'text'],
  ['system_id', 'systemId', 'text'],
  ['player_lookup', 'playerLookup', 'text'],
  ['game_id', 'gameId', 'text'],
  ['game_date', 'gameDate', 'text'],
  ['line_value', 'lineValue', 'real'],
  ['predicted_points', 'predictedPoints', 'real'],
  ['confidence_score', 'confidenceScore', 'real'],
  ['recommendation', 'recommendation', 'text'],
  ['created_at', 'createdAt', 'text'],
  ['model_version', 'modelVersion', 'text'],
  ['odds_american', 'oddsAmerican', 'int'],
  ['is_withdrawn', 'isWithdrawn', 'bool'],
  ['is_active', 'isActive', 'bool'],
  ['batch_id', 'batchId', 'text'],
  ['first_seen_at', 'firstSeenAt', 'text'],
]);

/** actuals, in table order (updated_at is bookkeeping, not part of ActualRow). */
export const ACTUAL_COLUMNS = spec([
  ['player_lookup', 'playerLookup', 'text'],
  ['game_id', 'gameId', 'text'],
  ['game_date', 'gameDate', 'text'],
  ['points', 'points', 'int'],
  ['minutes_played', 'minutesPlayed', 'real'],
  ['is_dnp', 'isDnp', 'bool'],
  ['team_abbr', 'teamAbbr', 'text'],
  ['opponent_team_abbr', 'opponentTeamAbbr', 'text'],
  ['injury_status', 'injuryStatus', 'text'],
  ['game_start_at', 'gameStartAt', 'text'],
  ['game_status', 'gameStatus', 'text'],
]);

/** system_daily_performance, in table order. */
export const PERFORMANCE_COLUMNS = spec([
  ['game_date', 'gameDate', 'text'],
  ['system_id', 'systemId', 'text'],
  ['predictions', 'predictions', 'int'],
  ['graded', 'graded', 'int'],
  ['correct', 'correct', 'int'],
  ['incorrect', 'incorrect', 'int'],
  ['pushes', 'pushes', 'int'],
  ['voided', 'voided', 'int'],
  ['no_line', 'noLine', 'int'],
  ['hit_rate', 'hitRate', 'real'],
  ['mae', 'mae', 'real'],
  ['bias', 'bias', 'real'],
  ['over_graded', 'overGraded', 'int'],
  ['over_correct', 'overCorrect', 'int'],
  ['under_graded', 'underGraded', 'int'],
  ['under_correct', 'underCorrect', 'int'],
  ['within_3_rate', 'within3Rate', 'real'],
  ['within_5_rate', 'within5Rate', 'real'],
  ['profit_units', 'profitUnits', 'real'],
  ['roi', 'roi', 'real'],
]);

/** grading_runs, in table order. */
export const RUN_COLUMNS = spec([
  ['run_id', 'runId', 'text'],
  ['game_date', 'gameDate', 'text'],
  ['trigger', 'trigger', 'text'],
  ['trigger_source', 'triggerSource', 'text'],
  ['correlation_id', 'correlationId', 'text'],
  ['holder', 'holder', 'text'],
  ['lock_mode', 'lockMode', 'text'],
  ['started_at', 'startedAt', 'text'],
  ['lock_acquired_at', 'lockAcquiredAt', 'text'],
  ['finished_at', 'finishedAt', 'text'],
  ['status', 'status', 'text'],
  ['rows_deleted', 'rowsDeleted', 'int'],
  ['rows_written', 'rowsWritten', 'int'],
  ['source_duplicates_dropped', 'sourceDuplicatesDropped', 'int'],
  ['superseded_lines', 'supersededLines', 'int'],
  ['late_predictions', 'latePredictions', 'int'],
  ['pending_games', 'pendingGames', 'json'],
  ['duplicate_keys', 'duplicateKeys', 'int'],
  ['validation_id', 'validationId', 'text'],
  ['fence_token', 'fenceToken', 'int'],
  ['lock_wait_ms', 'lockWaitMs', 'int'],
  ['error', 'error', 'text'],
]);

/** Read a column value off a camelCase object. */
export function fieldOf(row: object, spec: ColumnSpec): unknown {
  return (row as Record<string, unknown>)[spec.field];
}
