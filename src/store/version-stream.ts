/**
 * What both stores share to stream a date's versions in grading order: the column list, the
 * positional decoding of one row, and the cutting of a row stream into batches.
 */
import type { PredictionVersion } from '../domain/types.js';

/** The columns of a PredictionVersion, in the order {@link versionDecoder} reads them. */
export const VERSION_COLUMN_NAMES = [
  'prediction_id',
  'system_id',
  'player_lookup',
  'game_id',
  'game_date',
  'line_value',
  'predicted_points',
  'confidence_score',
  'recommendation',
  'created_at',
  'model_version',
  'odds_american',
  'is_withdrawn',
] as const;

/** Distinct values an interning column remembers before it stops adding (bounds its memory). */
const INTERN_LIMIT = 100_000;

/**
 * Returns one shared string instance per distinct value, so that a stream of a million versions
 * holds a system id, game id, date or player once instead of once per row.
 */
export function stringInterner(limit = INTERN_LIMIT): (value: string | null) => string | null {
  const known = new Map<string, string>();
  return (value) => {
    if (value === null) return null;
    const shared = known.get(value);
    if (shared !== undefined) return shared;
    if (known.size < limit) known.set(value, value);
    return value;
  };
}

/**
 * A decoder of rows of VERSION_COLUMN_NAMES values (booleans as true/false or 1/0) into
 * versions; its repeated text columns share their strings across every row it decodes.
 */
export function versionDecoder(): (r: readonly unknown[]) => PredictionVersion {
  const text = Array.from({ length: VERSION_COLUMN_NAMES.length }, () => stringInterner());
  const shared = (r: readonly unknown[], i: number) => text[i]!(r[i] as string | null);
  return (r) => ({
    predictionId: r[0] as string,
    systemId: shared(r, 1) as string,
    playerLookup: shared(r, 2) as string,
    gameId: shared(r, 3) as string,
    gameDate: shared(r, 4) as string,
    lineValue: r[5] as number | null,
    predictedPoints: r[6] as number,
    confidenceScore: r[7] as number | null,
    recommendation: shared(r, 8) as PredictionVersion['recommendation'],
    createdAt: shared(r, 9) as string,
    modelVersion: shared(r, 10),
    oddsAmerican: r[11] as number | null,
    isWithdrawn: r[12] === true || r[12] === 1,
  });
}

/** Clamp a requested batch size to a whole number of at least 1. */
export function batchSizeOf(requested: number | undefined, fallback = 10_000): number {
  return Math.max(1, Math.floor(requested ?? fallback));
}
