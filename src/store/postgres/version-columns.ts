/** The columns of one prediction version, shared by `predictions` and `prediction_staging` inserts. */
import type { PredictionVersion } from '../../domain/types.js';
import type { UnnestColumn } from './unnest.js';

/** A version's columns with their unnest array types, in the order of `versionValues`. */
export const VERSION_UNNEST_COLUMNS: readonly UnnestColumn[] = [
  { name: 'prediction_id', type: 'text' },
  { name: 'system_id', type: 'text' },
  { name: 'player_lookup', type: 'text' },
  { name: 'game_id', type: 'text' },
  { name: 'game_date', type: 'date' },
  { name: 'line_value', type: 'float8' },
  { name: 'predicted_points', type: 'float8' },
  { name: 'confidence_score', type: 'float8' },
  { name: 'recommendation', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'model_version', type: 'text' },
  { name: 'odds_american', type: 'int4' },
  { name: 'is_withdrawn', type: 'bool' },
];

/** A version's values in the order of VERSION_UNNEST_COLUMNS. */
export function versionValues(v: PredictionVersion): unknown[] {
  return [
    v.predictionId,
    v.systemId,
    v.playerLookup,
    v.gameId,
    v.gameDate,
    v.lineValue,
    v.predictedPoints,
    v.confidenceScore,
    v.recommendation,
    v.createdAt,
    v.modelVersion,
    v.oddsAmerican,
    v.isWithdrawn,
  ];
}
