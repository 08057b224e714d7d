/**
 * Mapping of PostgreSQL rows (snake_case, as returned with this store's type parsers) to the
 * domain's camelCase shapes.
 */
import type {
  AccuracyRow,
  ActualRow,
  DailyPerformance,
  GameStatus,
  InjuryStatus,
  IsoDate,
  IsoTimestamp,
  LockMode,
  Recommendation,
  RunStatus,
  StoredPrediction,
  Trigger,
  VoidReason,
} from '../../domain/types.js';
import type { RunRecord } from '../store.js';

/** A row of predictions. */
export interface PredictionDbRow {
  prediction_id: string;
  system_id: string;
  player_lookup: string;
  game_id: string;
  game_date: IsoDate;
  line_value: number | null;
  predicted_points: number;
  confidence_score: number | null;
  recommendation: string;
  created_at: IsoTimestamp;
  model_version: string | null;
  odds_american: number | null;
  is_withdrawn: boolean;
  is_active: boolean;
  batch_id: string | null;
  first_seen_at: IsoTimestamp;
}

/** A stored prediction version. */
export function toStoredPrediction(r: PredictionDbRow): StoredPrediction {
  return {
    predictionId: r.prediction_id,
    systemId: r.system_id,
    playerLookup: r.player_lookup,
    gameId: r.game_id,
    gameDate: r.game_date,
    lineValue: r.line_value,
    predictedPoints: r.predicted_points,
    confidenceScore: r.confidence_score,
    recommendation: r.recommendation as Recommendation,
    createdAt: r.created_at,
    modelVersion: r.model_version,
    oddsAmerican: r.odds_american,
    isWithdrawn: r.is_withdrawn,
    isActive: r.is_active,
    batchId: r.batch_id,
    firstSeenAt: r.first_seen_at,
  };
}

/** A row of actuals. */
export interface ActualDbRow {
  player_lookup: string;
  game_id: string;
  game_date: IsoDate;
  points: number | null;
  minutes_played: number | null;
  is_dnp: boolean;
  team_abbr: string | null;
  opponent_team_abbr: string | null;
  injury_status: string | null;
  game_start_at: IsoTimestamp | null;
  game_status: string;
}

/** An actual row. */
export function toActualRow(r: ActualDbRow): ActualRow {
  return {
    playerLookup: r.player_lookup,
    gameId: r.game_id,
    gameDate: r.game_date,
    points: r.points,
    minutesPlayed: r.minutes_played,
    isDnp: r.is_dnp,
    teamAbbr: r.team_abbr,
    opponentTeamAbbr: r.opponent_team_abbr,
    injuryStatus: r.injury_status as InjuryStatus | null,
    gameStartAt: r.game_start_at,
    gameStatus: r.game_status as GameStatus,
  };
}

/** A row of prediction_accuracy. */
export interface AccuracyDbRow {
  player_lookup: string;
  game_id: string;
  system_id: string;
  line_value: number | null;
  game_date: IsoDate;
  prediction_id: string | null;
  team_abbr: string | null;
  opponent_team_abbr: string | null;
  predicted_points: number | null;
  confidence_score: number | null;
  confidence_decile: number | null;
  recommendation: string;
  actual_points: number | null;
  minutes_played: number | null;
  absolute_error: number | null;
  signed_error: number | null;
  prediction_correct: boolean | null;
  predicted_margin: number | null;
  actual_margin: number | null;
  within_3_points: boolean | null;
  within_5_points: boolean | null;
  is_voided: boolean | null;
  void_reason: string | null;
  model_version: string | null;
  odds_american: number | null;
  profit_units: number | null;
  graded_at: IsoTimestamp;
  run_id: string | null;
  fence_token: number | null;
}

/** A stored graded row. */
export function toAccuracyRow(r: AccuracyDbRow): AccuracyRow {
  return {
    playerLookup: r.player_lookup,
    gameId: r.game_id,
    systemId: r.system_id,
    lineValue: r.line_value,
    gameDate: r.game_date,
    predictionId: r.prediction_id,
    teamAbbr: r.team_abbr,
    opponentTeamAbbr: r.opponent_team_abbr,
    predictedPoints: r.predicted_points,
    confidenceScore: r.confidence_score,
    confidenceDecile: r.confidence_decile,
    recommendation: r.recommendation as Recommendation,
    actualPoints: r.actual_points,
    minutesPlayed: r.minutes_played,
    absoluteError: r.absolute_error,
    signedError: r.signed_error,
    predictionCorrect: r.prediction_correct,
    predictedMargin: r.predicted_margin,
    actualMargin: r.actual_margin,
    within3Points: r.within_3_points,
    within5Points: r.within_5_points,
    isVoided: r.is_voided,
    voidReason: r.void_reason as VoidReason | null,
    modelVersion: r.model_version,
    oddsAmerican: r.odds_american,
    profitUnits: r.profit_units,
    gradedAt: r.graded_at,
    runId: r.run_id,
    fenceToken: r.fence_token,
  };
}

/** A row of system_daily_performance. */
export interface PerformanceDbRow {
  game_date: IsoDate;
  system_id: string;
  predictions: number;
  graded: number;
  correct: number;
  incorrect: number;
  pushes: number;
  voided: number;
  no_line: number;
  hit_rate: number | null;
  mae: number | null;
  bias: number | null;
  over_graded: number;
  over_correct: number;
  under_graded: number;
  under_correct: number;
  within_3_rate: number | null;
  within_5_rate: number | null;
  profit_units: number;
  roi: number | null;
}

/** A daily performance row. */
export function toDailyPerformance(r: PerformanceDbRow): DailyPerformance {
  return {
    gameDate: r.game_date,
    systemId: r.system_id,
    predictions: r.predictions,
    graded: r.graded,
    correct: r.correct,
    incorrect: r.incorrect,
    pushes: r.pushes,
    voided: r.voided,
    noLine: r.no_line,
    hitRate: r.hit_rate,
    mae: r.mae,
    bias: r.bias,
    overGraded: r.over_graded,
    overCorrect: r.over_correct,
    underGraded: r.under_graded,
    underCorrect: r.under_correct,
    within3Rate: r.within_3_rate,
    within5Rate: r.within_5_rate,
    profitUnits: r.profit_units,
    roi: r.roi,
  };
}

/** A row of grading_runs. */
export interface RunDbRow {
  run_id: string;
  game_date: IsoDate;
  trigger: string;
  trigger_source: string | null;
  correlation_id: string | null;
  holder: string;
  lock_mode: string;
  started_at: IsoTimestamp;
  lock_acquired_at: IsoTimestamp | null;
  finished_at: IsoTimestamp | null;
  status: string;
  rows_deleted: number | null;
  rows_written: number | null;
  source_duplicates_dropped: number | null;
  superseded_lines: number | null;
  late_predictions: number | null;
  pending_games: string | null;
  duplicate_keys: number | null;
  validation_id: string | null;
  fence_token: number | null;
  lock_wait_ms: number | null;
  error: string | null;
}

/** A run record. */
export function toRunRecord(r: RunDbRow): RunRecord {
  return {
    runId: r.run_id,
    gameDate: r.game_date,
    trigger: r.trigger as Trigger,
    triggerSource: r.trigger_source,
    correlationId: r.correlation_id,
    holder: r.holder,
    lockMode: r.lock_mode as LockMode,
    status: r.status as RunStatus,
    startedAt: r.started_at,
    lockAcquiredAt: r.lock_acquired_at,
    finishedAt: r.finished_at,
    rowsDeleted: r.rows_deleted,
    rowsWritten: r.rows_written,
    sourceDuplicatesDropped: r.source_duplicates_dropped,
    supersededLines: r.superseded_lines,
    latePredictions: r.late_predictions,
    pendingGames: r.pending_games === null ? null : (JSON.parse(r.pending_games) as string[]),
    duplicateKeys: r.duplicate_keys,
    validationId: r.validation_id,
    fenceToken: r.fence_token,
    lockWaitMs: r.lock_wait_ms,
    error: r.error,
  };
}
