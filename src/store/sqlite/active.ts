/**
 * Recompute `is_active` by the selection rule (SPEC 3.1) for every triple of the given games, or
 * only for the given triples of them (a merge touches only its batch's triples); and the
 * in-transaction check that no triple has more than one active version.
 */
import { tripleKey } from '../../domain/keys.js';
import { activeVersionIds, gameStartsFrom } from '../../domain/selection.js';
import type { ActualRow, IsoDate, StoredPrediction } from '../../domain/types.js';
import { ACTUAL_COLUMNS, PREDICTION_COLUMNS } from '../columns.js';
import type { ActiveConflict } from '../staging.js';
import type { Db } from './connection.js';
import { decodeRow } from './encode.js';

const GAME_CHUNK = 500;

/**
 * Recompute the triples of `gameIds` (only those whose {@link tripleKey} is in `onlyTriples`,
 * when given). Returns the dates whose is_active flags changed.
 */
export function recomputeActive(
  db: Db,
  gameIds: Iterable<string>,
  onlyTriples?: ReadonlySet<string>,
): Set<IsoDate> {
  const changed = new Set<IsoDate>();
  const ids = [...new Set(gameIds)];
  for (let i = 0; i < ids.length; i += GAME_CHUNK) {
    recomputeChunk(db, ids.slice(i, i + GAME_CHUNK), changed, onlyTriples);
  }
  return changed;
}

function recomputeChunk(
  db: Db,
  gameIds: string[],
  changed: Set<IsoDate>,
  onlyTriples: ReadonlySet<string> | undefined,
): void {
  const marks = gameIds.map(() => '?').join(',');
  const versions = (
    db.prepare(`SELECT * FROM predictions WHERE game_id IN (${marks})`).all(...gameIds) as Record<
      string,
      unknown
    >[]
  )
    .map((r) => decodeRow<StoredPrediction>(r, PREDICTION_COLUMNS))
    .filter((v) => onlyTriples === undefined || onlyTriples.has(tripleKey(v)));
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

/**
 * Triples of the dates with more than one active version (NULL-safe: the triple's columns are
 * never NULL and the line is not part of it, so a NULL line cannot hide a duplicate).
 */
export function activeConflicts(db: Db, dates: readonly IsoDate[]): ActiveConflict[] {
  if (dates.length === 0) return [];
  const marks = dates.map(() => '?').join(',');
  const rows = db
    .prepare(
      `SELECT player_lookup, game_id, system_id, game_date, COUNT(*) AS active FROM predictions
       WHERE game_date IN (${marks}) AND is_active = 1
       GROUP BY player_lookup, game_id, system_id, game_date HAVING COUNT(*) > 1
       ORDER BY game_date, game_id, player_lookup, system_id`,
    )
    .all(...dates) as {
    player_lookup: string;
    game_id: string;
    system_id: string;
    game_date: IsoDate;
    active: number;
  }[];
  return rows.map((r) => ({
    playerLookup: r.player_lookup,
    gameId: r.game_id,
    systemId: r.system_id,
    gameDate: r.game_date,
    active: Number(r.active),
  }));
}
