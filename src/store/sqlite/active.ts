/** Recompute `is_active` for every triple of the given games by the selection rule (SPEC 3.1). */
import { activeVersionIds, gameStartsFrom } from '../../domain/selection.js';
import type { ActualRow, IsoDate, StoredPrediction } from '../../domain/types.js';
import { ACTUAL_COLUMNS, PREDICTION_COLUMNS } from '../columns.js';
import type { Db } from './connection.js';
import { decodeRow } from './encode.js';

const GAME_CHUNK = 500;

/** Returns the dates whose is_active flags changed. */
export function recomputeActive(db: Db, gameIds: Iterable<string>): Set<IsoDate> {
  const changed = new Set<IsoDate>();
  const ids = [...new Set(gameIds)];
  for (let i = 0; i < ids.length; i += GAME_CHUNK) {
    recomputeChunk(db, ids.slice(i, i + GAME_CHUNK), changed);
  }
  return changed;
}

function recomputeChunk(db: Db, gameIds: string[], changed: Set<IsoDate>): void {
  const marks = gameIds.map(() => '?').join(',');
  const versions = (
    db.prepare(`SELECT * FROM predictions WHERE game_id IN (${marks})`).all(...gameIds) as Record<
      string,
      unknown
    >[]
  ).map((r) => decodeRow<StoredPrediction>(r, PREDICTION_COLUMNS));
  const actuals = (
    db.prepare(`SELECT * FROM actuals WHERE game_id IN (${marks})`).all(...gameIds) as Record<
      string,
      unknown
    >[]
  ).map((r) => decodeRow<ActualRow>(r, ACTUAL_COLUMNS));
  const active = activeVersionIds(versions, gameStartsFrom(actuals));
  const clear = db.prepare('UPDATE predictions SET is_active = 0 WHERE prediction_id = ?');
  const set = db.prepare('UPDATE predictions SET is_active = 1 WHERE prediction_id = ?');
  const turningOn: StoredPrediction[] = [];
  for (const v of versions) {
    const want = active.has(v.predictionId);
    if (want === v.isActive) continue;
    changed.add(v.gameDate);
    if (want) turningOn.push(v);
    else clear.run(v.predictionId);
  }
  for (const v of turningOn) set.run(v.predictionId);
}
