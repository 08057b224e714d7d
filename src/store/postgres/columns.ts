/**
 * Column lists of the PostgreSQL tables, in table order, with the kind of each column. Used for
 * COPY, for selects that must name every column, and for the deterministic order of digests.
 */
import type { StoreTable } from '../store.js';

/** How a column's values look in JavaScript and how they sort. */
export type ColumnKind = 'text' | 'date' | 'timestamp' | 'number' | 'integer' | 'boolean';

/** One column. */
export interface Column {
  name: string;
  kind: ColumnKind;
}

function columns(spec: string): readonly Column[] {
  return spec
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .map(([name, kind]) => ({ name: name!, kind: kind as ColumnKind }));
}

/** Columns of prediction_accuracy in table order (also the COPY column list). */
export const ACCURACY_COLUMNS = columns(`player_lookup text, game_id text, system_id text,
  line_value number, game_date date, prediction_id text, team_abbr text, opponent_team_abbr text,
  predicted_points number, confidence_score number, confidence_decile integer,
  recommendation text, actual_points integer, minutes_played number, absolute_error number,
  signed_error number, prediction_correct boolean, predicted_margin number, actual_margin number,
  within_3_points boolean, within_5_points boolean, is_voided boolean, void_reason text,
  model_version text, odds_american integer, profit_units number, graded_at timestamp,
  run_id text, fence_token integer`);

/** Columns of predictions in table order. */
export const PREDICTION_COLUMNS = columns(`prediction_id text, system_id text, player_lookup text,
  game_id text, game_date date, line_value number, predicted_points number,
  confidence_score number, recommendation text, created_at timestamp, model_version text,
  odds_american integer, is_withdrawn boolean, is_active boolean, batch_id text,
  first_seen_at timestamp`);

/** Columns of actuals in table order. */
export const ACTUAL_COLUMNS = columns(`player_lookup text, game_id text, game_date date,
  points integer, minutes_played number, is_dnp boolean, team_abbr text, opponent_team_abbr text,
  injury_status text, game_start_at timestamp, game_status text, updated_at timestamp`);

/** Columns of system_daily_performance in table order. */
export const PERFORMANCE_COLUMNS = columns(`game_date date, system_id text, predictions integer,
  graded integer, correct integer, incorrect integer, pushes integer, voided integer,
  no_line integer, hit_rate number, mae number, bias number, over_graded integer,
  over_correct integer, under_graded integer, under_correct integer, within_3_rate number,
  within_5_rate number, profit_units number, roi number, computed_at timestamp`);

/** Columns of grading_runs in table order. */
export const RUN_COLUMNS = columns(`run_id text, game_date date, trigger text,
  trigger_source text, correlation_id text, holder text, lock_mode text, started_at timestamp,
  lock_acquired_at timestamp, finished_at timestamp, status text, rows_deleted integer,
  rows_written integer, source_duplicates_dropped integer, superseded_lines integer,
  late_predictions integer, pending_games text, duplicate_keys integer, validation_id text,
  fence_token integer, lock_wait_ms integer, error text`);

/** Every digestible table's columns. */
export const TABLE_COLUMNS: Readonly<Record<StoreTable, readonly Column[]>> = {
  predictions: PREDICTION_COLUMNS,
  actuals: ACTUAL_COLUMNS,
  prediction_accuracy: ACCURACY_COLUMNS,
  system_daily_performance: PERFORMANCE_COLUMNS,
  grading_runs: RUN_COLUMNS,
};

/** `a, b, c` of a column list. */
export function columnList(cols: readonly Column[]): string {
  return cols.map((c) => c.name).join(', ');
}

/** ORDER BY over every column: byte order for text, NULLs first, so every machine agrees. */
export function orderByAll(cols: readonly Column[]): string {
  return cols
    .map((c) => `${c.name}${c.kind === 'text' ? ' COLLATE "C"' : ''} NULLS FIRST`)
    .join(', ');
}
