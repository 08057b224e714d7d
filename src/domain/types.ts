/**
 * Domain vocabulary shared by every layer: closed sets as `as const` arrays with derived types,
 * and the row shapes of SPEC section 2 in camelCase (stores map them to snake_case columns).
 */

export const RECOMMENDATIONS = ['OVER', 'UNDER', 'PASS', 'HOLD', 'NO_LINE'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const INJURY_STATUSES = ['OUT', 'DOUBTFUL', 'QUESTIONABLE', 'PROBABLE'] as const;
export type InjuryStatus = (typeof INJURY_STATUSES)[number];

export const GAME_STATUSES = ['final', 'postponed', 'cancelled'] as const;
export type GameStatus = (typeof GAME_STATUSES)[number];

export const VOID_REASONS = [
  'dnp_injury_confirmed',
  'dnp_late_scratch',
  'dnp_unknown',
  'game_cancelled',
] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

export const TRIGGERS = ['scheduled', 'backfill', 'manual', 'api'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const LOCK_MODES = ['sqlite', 'postgres', 'redis', 'none'] as const;
export type LockMode = (typeof LOCK_MODES)[number];

export const LINE_MODES = ['latest', 'all'] as const;
export type LineMode = (typeof LINE_MODES)[number];

export const RUN_STATUSES = [
  'running',
  'succeeded',
  'failed',
  'refused_coverage',
  'lock_timeout',
  'lock_unavailable',
  'lock_lost',
  'stale_fence',
  'abandoned',
  'dry_run',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Calendar date `YYYY-MM-DD`. */
export type IsoDate = string;
/** UTC timestamp `YYYY-MM-DDTHH:MM:SS.sssZ` (always millisecond precision, always `Z`). */
export type IsoTimestamp = string;

/** One version of one prediction, as delivered by a producer (validated). */
export interface PredictionVersion {
  predictionId: string;
  systemId: string;
  playerLookup: string;
  gameId: string;
  gameDate: IsoDate;
  lineValue: number | null;
  predictedPoints: number;
  confidenceScore: number | null;
  recommendation: Recommendation;
  createdAt: IsoTimestamp;
  modelVersion: string | null;
  oddsAmerican: number | null;
  isWithdrawn: boolean;
}

/** A prediction version as stored, with propgrade's bookkeeping. */
export interface StoredPrediction extends PredictionVersion {
  isActive: boolean;
  batchId: string | null;
  firstSeenAt: IsoTimestamp;
}

/** One player's box-score line for one game. Key: (playerLookup, gameId). */
export interface ActualRow {
  playerLookup: string;
  gameId: string;
  gameDate: IsoDate;
  points: number | null;
  minutesPlayed: number | null;
  isDnp: boolean;
  teamAbbr: string | null;
  opponentTeamAbbr: string | null;
  injuryStatus: InjuryStatus | null;
  gameStartAt: IsoTimestamp | null;
  gameStatus: GameStatus;
}

/** One graded row of `prediction_accuracy`, before the store stamps graded_at/run_id/fence. */
export interface GradedRow {
  playerLookup: string;
  gameId: string;
  systemId: string;
  lineValue: number | null;
  gameDate: IsoDate;
  predictionId: string;
  teamAbbr: string | null;
  opponentTeamAbbr: string | null;
  predictedPoints: number;
  confidenceScore: number | null;
  confidenceDecile: number | null;
  recommendation: Recommendation;
  actualPoints: number | null;
  minutesPlayed: number | null;
  absoluteError: number | null;
  signedError: number | null;
  predictionCorrect: boolean | null;
  predictedMargin: number | null;
  actualMargin: number | null;
  within3Points: boolean | null;
  within5Points: boolean | null;
  isVoided: boolean;
  voidReason: VoidReason | null;
  modelVersion: string | null;
  oddsAmerican: number;
  profitUnits: number;
}

/** A row of `prediction_accuracy` as stored. Imported rows may lack most graded fields. */
export interface AccuracyRow
  extends Omit<
    GradedRow,
    | 'oddsAmerican'
    | 'profitUnits'
    | 'recommendation'
    | 'isVoided'
    | 'predictedPoints'
    | 'predictionId'
  > {
  predictionId: string | null;
  predictedPoints: number | null;
  recommendation: Recommendation;
  isVoided: boolean | null;
  oddsAmerican: number | null;
  profitUnits: number | null;
  gradedAt: IsoTimestamp;
  runId: string | null;
  fenceToken: number | null;
}

/** Counts and rates of SPEC 3.4 for one group of graded rows. Rates are null on a 0 denominator. */
export interface PerformanceFigures {
  predictions: number;
  graded: number;
  correct: number;
  incorrect: number;
  pushes: number;
  voided: number;
  noLine: number;
  hitRate: number | null;
  mae: number | null;
  bias: number | null;
  overGraded: number;
  overCorrect: number;
  underGraded: number;
  underCorrect: number;
  within3Rate: number | null;
  within5Rate: number | null;
  profitUnits: number;
  roi: number | null;
}

/** A row of `system_daily_performance` (computed_at is stamped by the store). */
export interface DailyPerformance extends PerformanceFigures {
  gameDate: IsoDate;
  systemId: string;
}
