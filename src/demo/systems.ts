/**
 * The six prediction systems of the demo, each with its own skill (noise), bias, confidence scale,
 * habit of quoting odds and batch time, so that their graded accuracy visibly differs.
 */

/** How a system reports confidence: 0–1, 0–100, or not at all. */
export const CONFIDENCE_SCALES = ['unit', 'percent', 'none'] as const;
export type ConfidenceScale = (typeof CONFIDENCE_SCALES)[number];

/** Behaviour of one synthetic prediction system. */
export interface SystemProfile {
  systemId: string;
  modelVersion: string | null;
  /** Standard deviation (points) of its error around what it models. */
  noise: number;
  /** Constant lean (points) added to every prediction. */
  bias: number;
  /** Share (0–1) of the game's eventual surprise the system foresees: its real skill. */
  insight: number;
  /** Below this |predicted − line| the system says PASS. */
  passEdge: number;
  confidenceScale: ConfidenceScale;
  /** Share of OVER/UNDER rows that carry an explicit American price. */
  oddsShare: number;
  /** Hour (UTC) of the system's daily batch on the game date. */
  batchHourUtc: number;
  /** Probability that the system predicts a given player at all. */
  coverage: number;
  /** False: predicts from the season average only, blind to the game's matchup. */
  seesMatchup: boolean;
}

/** The demo's prediction systems, best first. */
export const PREDICTION_SYSTEMS: readonly SystemProfile[] = [
  {
    systemId: 'ensemble_v1',
    modelVersion: 'ensemble-1.4.2',
    noise: 1.2,
    bias: 0,
    insight: 0.06,
    passEdge: 0.5,
    confidenceScale: 'unit',
    oddsShare: 0.15,
    batchHourUtc: 18,
    coverage: 0.98,
    seesMatchup: true,
  },
  {
    systemId: 'catboost_v8',
    modelVersion: 'cb-8.0.1',
    noise: 1.8,
    bias: 0.3,
    insight: 0.045,
    passEdge: 0.5,
    confidenceScale: 'unit',
    oddsShare: 0.1,
    batchHourUtc: 16,
    coverage: 0.97,
    seesMatchup: true,
  },
  {
    systemId: 'xgboost_v3',
    modelVersion: 'xgb-3.2.0',
    noise: 2.5,
    bias: -0.5,
    insight: 0.03,
    passEdge: 0.5,
    confidenceScale: 'unit',
    oddsShare: 0.25,
    batchHourUtc: 15,
    coverage: 0.97,
    seesMatchup: true,
  },
  {
    systemId: 'similarity_v2',
    modelVersion: 'sim-2.1',
    noise: 3.5,
    bias: 0.8,
    insight: 0.015,
    passEdge: 0.8,
    confidenceScale: 'unit',
    oddsShare: 0,
    batchHourUtc: 17,
    coverage: 0.95,
    seesMatchup: true,
  },
  {
    systemId: 'zone_matchup',
    modelVersion: 'zm-2026.02',
    noise: 4,
    bias: -1.2,
    insight: 0.01,
    passEdge: 0.6,
    confidenceScale: 'percent',
    oddsShare: 0.1,
    batchHourUtc: 14,
    coverage: 0.92,
    seesMatchup: true,
  },
  {
    systemId: 'moving_average',
    modelVersion: null,
    noise: 1.5,
    bias: 0,
    insight: 0,
    passEdge: 1,
    confidenceScale: 'none',
    oddsShare: 0,
    batchHourUtc: 13,
    coverage: 1,
    seesMatchup: false,
  },
];
