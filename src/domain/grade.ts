/**
 * Grading of one prediction against one box-score line (SPEC 3.2–3.3): void rules, correctness,
 * pushes, errors, margins, within flags and profit at American odds. Unrounded doubles throughout.
 */
import type { CoverageAssessment } from './coverage.js';
import type { ActualRow, GradedRow, PredictionVersion, VoidReason } from './types.js';

/** Odds assumed when a prediction carries none. */
export const DEFAULT_ODDS_AMERICAN = -110;

/** How one prediction is graded besides its own fields. */
export interface GradeContext {
  /** 100 when the prediction's (system, date) reports confidence on a 0–100 scale, else 1. */
  divisor: 1 | 100;
  /** True when the prediction's game was cancelled. */
  cancelled: boolean;
}

/** Key of a confidence set: one system on one game date. */
export function confidenceSetKey(p: Pick<PredictionVersion, 'systemId' | 'gameDate'>): string {
  return `${p.systemId}|${p.gameDate}`;
}

/**
 * The confidence scale of each (system, date) set, learnt from its selected predictions: a set
 * with any value above 1 is on a 0–100 scale (divisor 100), otherwise 0–1 (divisor 1).
 */
export class ConfidenceScale {
  private readonly divisors = new Map<string, 1 | 100>();

  /** Learn from one selected prediction. */
  add(p: Pick<PredictionVersion, 'systemId' | 'gameDate' | 'confidenceScore'>): void {
    const key = confidenceSetKey(p);
    if (p.confidenceScore !== null && p.confidenceScore > 1) this.divisors.set(key, 100);
    else if (!this.divisors.has(key)) this.divisors.set(key, 1);
  }

  /** The divisor of a prediction's set (1 for a set never seen). */
  divisorOf(p: Pick<PredictionVersion, 'systemId' | 'gameDate'>): 1 | 100 {
    return this.divisors.get(confidenceSetKey(p)) ?? 1;
  }

  /** Divisor per `${systemId}|${gameDate}`. */
  entries(): Map<string, 1 | 100> {
    return new Map(this.divisors);
  }
}

/** Divisor per `${systemId}|${gameDate}` of a whole selection (see {@link ConfidenceScale}). */
export function confidenceDivisors(selected: readonly PredictionVersion[]): Map<string, 1 | 100> {
  const scale = new ConfidenceScale();
  for (const p of selected) scale.add(p);
  return scale.entries();
}

/** Decile 1–10 of a normalised 0–1 confidence: min(10, floor(c × 10) + 1); null without one. */
export function confidenceDecile(c: number | null): number | null {
  return c === null ? null : Math.min(10, Math.floor(c * 10) + 1);
}

/**
 * True when the player did not play: no actual row, `isDnp`, no points, or 0 points with 0 or
 * NULL minutes.
 */
export function didNotPlay(actual: ActualRow | undefined): boolean {
  if (actual === undefined || actual.isDnp || actual.points === null) return true;
  return actual.points === 0 && (actual.minutesPlayed === null || actual.minutesPlayed === 0);
}

/** Void reason of a did-not-play row, from the pre-game injury status. */
export function dnpReason(actual: ActualRow | undefined): VoidReason {
  switch (actual?.injuryStatus) {
    case 'OUT':
    case 'DOUBTFUL':
      return 'dnp_injury_confirmed';
    case 'QUESTIONABLE':
    case 'PROBABLE':
      return 'dnp_late_scratch';
    default:
      return 'dnp_unknown';
  }
}

/** Whether a bet won: null for PASS/HOLD/NO_LINE, without a line, or on a push. */
export function betOutcome(
  recommendation: PredictionVersion['recommendation'],
  line: number | null,
  actual: number,
): boolean | null {
  if (line === null || actual === line) return null;
  if (recommendation === 'OVER') return actual > line;
  if (recommendation === 'UNDER') return actual < line;
  return null;
}

/** Units won or lost on one unit staked at American odds: win 100/|o| or o/100, loss −1, else 0. */
export function profitUnits(correct: boolean | null, oddsAmerican: number): number {
  if (correct === null) return 0;
  if (!correct) return -1;
  return oddsAmerican < 0 ? 100 / -oddsAmerican : oddsAmerican / 100;
}

type Outcome = Pick<
  GradedRow,
  | 'actualPoints'
  | 'absoluteError'
  | 'signedError'
  | 'predictionCorrect'
  | 'predictedMargin'
  | 'actualMargin'
  | 'within3Points'
  | 'within5Points'
  | 'isVoided'
  | 'voidReason'
>;

function voidedOutcome(voidReason: VoidReason): Outcome {
  return {
    actualPoints: null,
    absoluteError: null,
    signedError: null,
    predictionCorrect: null,
    predictedMargin: null,
    actualMargin: null,
    within3Points: null,
    within5Points: null,
    isVoided: true,
    voidReason,
  };
}

function playedOutcome(p: PredictionVersion, actualPoints: number): Outcome {
  const signedError = p.predictedPoints - actualPoints;
  const absoluteError = Math.abs(signedError);
  const line = p.lineValue;
  return {
    actualPoints,
    absoluteError,
    signedError,
    predictionCorrect: betOutcome(p.recommendation, line, actualPoints),
    predictedMargin: line === null ? null : p.predictedPoints - line,
    actualMargin: line === null ? null : actualPoints - line,
    within3Points: absoluteError <= 3,
    within5Points: absoluteError <= 5,
    isVoided: false,
    voidReason: null,
  };
}

function outcomeOf(
  p: PredictionVersion,
  actual: ActualRow | undefined,
  cancelled: boolean,
): Outcome {
  if (cancelled) return voidedOutcome('game_cancelled');
  if (actual?.points == null || didNotPlay(actual)) return voidedOutcome(dnpReason(actual));
  return playedOutcome(p, actual.points);
}

/** Grade one selected prediction against the player's actual row (undefined when there is none). */
export function gradePrediction(
  p: PredictionVersion,
  actual: ActualRow | undefined,
  ctx: GradeContext,
): GradedRow {
  const confidenceScore = p.confidenceScore === null ? null : p.confidenceScore / ctx.divisor;
  const oddsAmerican = p.oddsAmerican ?? DEFAULT_ODDS_AMERICAN;
  const outcome = outcomeOf(p, actual, ctx.cancelled);
  return {
    playerLookup: p.playerLookup,
    gameId: p.gameId,
    systemId: p.systemId,
    lineValue: p.lineValue,
    gameDate: p.gameDate,
    predictionId: p.predictionId,
    teamAbbr: actual?.teamAbbr ?? null,
    opponentTeamAbbr: actual?.opponentTeamAbbr ?? null,
    predictedPoints: p.predictedPoints,
    confidenceScore,
    confidenceDecile: confidenceDecile(confidenceScore),
    recommendation: p.recommendation,
    minutesPlayed: actual?.minutesPlayed ?? null,
    modelVersion: p.modelVersion,
    oddsAmerican,
    profitUnits: profitUnits(outcome.predictionCorrect, oddsAmerican),
    ...outcome,
  };
}

/**
 * Grades selected predictions against a date's actuals, piece by piece: the coverage verdict and
 * the confidence scale must already cover the whole selection (pending games are skipped).
 */
export class Grader {
  /** The first actual row per game, then per player. */
  private readonly actualByGame = new Map<string, Map<string, ActualRow>>();
  private readonly pending: ReadonlySet<string>;
  private readonly cancelled: ReadonlySet<string>;

  constructor(
    actuals: readonly ActualRow[],
    coverage: Pick<CoverageAssessment, 'pendingGames' | 'cancelledGames'>,
    private readonly scale: ConfidenceScale,
  ) {
    for (const row of actuals) {
      const players = this.actualByGame.get(row.gameId) ?? new Map<string, ActualRow>();
      this.actualByGame.set(row.gameId, players);
      if (!players.has(row.playerLookup)) players.set(row.playerLookup, row);
    }
    this.pending = new Set(coverage.pendingGames);
    this.cancelled = new Set(coverage.cancelledGames);
  }

  /** Graded rows of the given predictions whose game is not pending, in the order given. */
  grade(selected: readonly PredictionVersion[]): GradedRow[] {
    const rows: GradedRow[] = [];
    for (const p of selected) {
      if (this.pending.has(p.gameId)) continue;
      const actual = this.actualByGame.get(p.gameId)?.get(p.playerLookup);
      rows.push(
        gradePrediction(p, actual, {
          divisor: this.scale.divisorOf(p),
          cancelled: this.cancelled.has(p.gameId),
        }),
      );
    }
    return rows;
  }
}

/**
 * Grade every selected prediction whose game is not pending, in the order given. The confidence
 * scale is decided per (system, date) over all of `selected`, pending games included.
 */
export function gradeSelection(
  selected: readonly PredictionVersion[],
  actuals: readonly ActualRow[],
  coverage: CoverageAssessment,
): GradedRow[] {
  const scale = new ConfidenceScale();
  for (const p of selected) scale.add(p);
  return new Grader(actuals, coverage, scale).grade(selected);
}
