/**
 * One prediction record as a {@link PredictionVersion}: the columns of SPEC section 2, their
 * rules, and the deterministic prediction_id of a record that brings none.
 */
import { createHash } from 'node:crypto';
import { type PredictionVersion, RECOMMENDATIONS } from '../domain/types.js';
import type { FieldReader } from './field-reader.js';
import type { RecordSchema } from './records.js';

/**
 * Columns of a predictions file. `recommendation` is required because nothing can stand in for
 * it; `prediction_id` and `is_active` are optional (is_active=false means withdrawn).
 */
export const PREDICTION_SCHEMA: RecordSchema = {
  required: [
    'system_id',
    'player_lookup',
    'game_id',
    'game_date',
    'predicted_points',
    'recommendation',
    'created_at',
  ],
  optional: [
    'prediction_id',
    'line_value',
    'confidence_score',
    'odds_american',
    'model_version',
    'is_active',
  ],
  warnWhenAbsent: ['line_value'],
};

/** The smallest |odds_american| there is: American odds are ±100 or beyond. */
export const MIN_ABS_AMERICAN_ODDS = 100;

type VersionIdentity = Pick<
  PredictionVersion,
  'systemId' | 'playerLookup' | 'gameId' | 'lineValue' | 'createdAt'
>;

/**
 * The identity of a version, (business key, created_at), as one unambiguous text: a JSON array
 * of system_id, player_lookup, game_id, the line (`NULL` without one, else the number's
 * shortest text, so 27.50 is 27.5) and created_at as UTC milliseconds. Derived ids are stored,
 * so this text must never change; it is spelt out here rather than shared.
 */
export function versionKey(v: VersionIdentity): string {
  const line = v.lineValue === null ? 'NULL' : String(v.lineValue);
  return JSON.stringify([v.systemId, v.playerLookup, v.gameId, line, v.createdAt]);
}

/** The prediction_id of a record without one: the first 32 hex digits of SHA-256(versionKey). */
export function derivePredictionId(v: VersionIdentity): string {
  return createHash('sha256').update(versionKey(v)).digest('hex').slice(0, 32);
}

function oddsAmerican(fields: FieldReader): number | null {
  const odds = fields.integer('odds_american');
  if (odds !== null && Math.abs(odds) < MIN_ABS_AMERICAN_ODDS) {
    throw fields.problem(
      'odds_american',
      'American odds must be -100 or below, or 100 or above',
      fields.raw('odds_american'),
    );
  }
  return odds;
}

/** One record's version, whether the record gave its prediction_id, and its version id. */
export interface PredictionRecord {
  value: PredictionVersion;
  idGiven: boolean;
  /** {@link derivePredictionId} of the version: equal for two rows exactly when they are one version. */
  versionId: string;
}

/** The version one record describes (throws InputError naming the first bad field). */
export function toPredictionRecord(fields: FieldReader): PredictionRecord {
  const givenId = fields.text('prediction_id');
  const value = toPredictionVersion(fields);
  const versionId = derivePredictionId(value);
  value.predictionId = givenId ?? versionId;
  return { value, idGiven: givenId !== null, versionId };
}

function toPredictionVersion(fields: FieldReader): PredictionVersion {
  return {
    predictionId: '',
    systemId: fields.required('system_id', fields.text('system_id')),
    playerLookup: fields.required('player_lookup', fields.text('player_lookup')),
    gameId: fields.required('game_id', fields.text('game_id')),
    gameDate: fields.required('game_date', fields.date('game_date')),
    lineValue: fields.number('line_value', { min: 0 }),
    predictedPoints: fields.required(
      'predicted_points',
      fields.number('predicted_points', { min: 0 }),
    ),
    confidenceScore: fields.number('confidence_score', { min: 0, max: 100 }),
    recommendation: fields.required(
      'recommendation',
      fields.choice('recommendation', RECOMMENDATIONS),
    ),
    createdAt: fields.required('created_at', fields.timestamp('created_at')),
    modelVersion: fields.text('model_version'),
    oddsAmerican: oddsAmerican(fields),
    isWithdrawn: fields.boolean('is_active') === false,
  };
}
