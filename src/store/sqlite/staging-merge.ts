/**
 * The fenced merge of a staged batch on SQLite, in one BEGIN IMMEDIATE transaction: claim the
 * `predictions` fence of each date (sorted), move the batch's staging rows into `predictions` in
 * chunks (a version already stored is ignored), recompute is_active of the batch's games, verify
 * one active version per triple on the batch's dates, mark the batch merged, drop its staging.
 * A crash anywhere leaves `predictions` as it was and the batch in staging.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import { tripleKey } from '../../domain/keys.js';
import type { IsoDate } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { failpoint } from '../../util/failpoints.js';
import {
  assertClaimsCover,
  assertGameDates,
  assertOneActivePerTriple,
  failsBatch,
  type GameDateConflict,
  MERGE_CHUNK_ROWS,
  sortClaims,
  VERSION_COLUMNS,
} from '../staging.js';
import type { BatchRecord, MergeBatchRequest, MergeBatchResult } from '../store.js';
import { activeConflicts, recomputeActive } from './active.js';
import type { Db, SqliteConnection } from './connection.js';
import { claimFence } from './fences.js';
import { markFailed, markMerged, readBatch } from './staging.js';

const VERSION_LIST = VERSION_COLUMNS.map((c) => c.column).join(', ');

const MOVE_CHUNK = `INSERT OR IGNORE INTO predictions (${VERSION_LIST}, is_active, batch_id, first_seen_at)
  SELECT ${VERSION_LIST}, 0, batch_id, ? FROM prediction_staging
  WHERE batch_id = ? AND seq >= ? AND seq < ? ORDER BY seq
  RETURNING game_date`;

/** Merge a staged batch; a batch refused by a check is marked failed after the rollback. */
export async function mergeBatch(
  conn: SqliteConnection,
  req: MergeBatchRequest,
): Promise<MergeBatchResult> {
  try {
    return await conn.asyncImmediate((db) => mergeInTransaction(db, req));
  } catch (err) {
    if (failsBatch(err)) {
      const message = err instanceof Error ? err.message : String(err);
      await conn.immediate((db) => markFailed(db, req.batchId, message));
    }
    throw err;
  }
}

async function mergeInTransaction(db: Db, req: MergeBatchRequest): Promise<MergeBatchResult> {
  const claims = sortClaims(req.fences);
  const fences = claims.map((c) => ({
    gameDate: c.gameDate,
    fence: claimFence(db, 'predictions', c.gameDate, c.claim),
  }));
  const batch = readBatch(db, req.batchId);
  if (batch === null) throw new InternalError(`batch ${req.batchId} is not registered`);
  if (batch.status === 'merged') {
    return { outcome: 'already_merged', versionsAdded: 0, datesTouched: [], fences };
  }
  assertClaimsCover(batch, claims);
  assertGameDates(req.batchId, gameDateConflicts(db, req.batchId));
  const now = new Date().toISOString();
  const added = await moveStagedRows(db, req, batch, now);
  const changed = recomputeStagedTriples(db, req.batchId);
  assertOneActivePerTriple(req.batchId, activeConflicts(db, batch.dates));
  markMerged(db, req.batchId, added.length, { now, keepStaging: req.keepStaging });
  req.checkLease?.();
  await failpoint('consolidate-before-commit');
  req.checkLease?.();
  const touched = new Set<IsoDate>([...added, ...changed]);
  return {
    outcome: 'merged',
    versionsAdded: added.length,
    datesTouched: [...touched].sort(),
    fences,
  };
}

/** Insert the staged versions chunk by chunk; returns the date of each version added. */
async function moveStagedRows(
  db: Db,
  req: MergeBatchRequest,
  batch: BatchRecord,
  now: string,
): Promise<IsoDate[]> {
  const move = db.prepare(MOVE_CHUNK);
  const added: IsoDate[] = [];
  for (let low = 0; low < Math.max(batch.rows, 1); low += MERGE_CHUNK_ROWS) {
    const rows = move.all(now, req.batchId, low, low + MERGE_CHUNK_ROWS) as { game_date: string }[];
    for (const r of rows) added.push(r.game_date);
    if (low === 0) await failpoint('consolidate-mid-insert');
    req.checkLease?.();
    await yieldLoop();
  }
  return added;
}

/** Recompute is_active of the batch's (player, game, system) triples. */
function recomputeStagedTriples(db: Db, batchId: string): Set<IsoDate> {
  const triples = db
    .prepare(
      'SELECT DISTINCT player_lookup, game_id, system_id FROM prediction_staging WHERE batch_id = ?',
    )
    .all(batchId) as { player_lookup: string; game_id: string; system_id: string }[];
  const keys = new Set(
    triples.map((t) =>
      tripleKey({ playerLookup: t.player_lookup, gameId: t.game_id, systemId: t.system_id }),
    ),
  );
  return recomputeActive(db, new Set(triples.map((t) => t.game_id)), keys);
}

/** Games of the batch stored (in predictions or actuals) under another date. */
function gameDateConflicts(db: Db, batchId: string): GameDateConflict[] {
  return db
    .prepare(
      `WITH g AS (SELECT DISTINCT game_id, game_date FROM prediction_staging WHERE batch_id = ?)
       SELECT g.game_id AS gameId, g.game_date AS staged, o.game_date AS stored FROM g
       JOIN predictions o ON o.game_id = g.game_id AND o.game_date <> g.game_date
       UNION
       SELECT g.game_id, g.game_date, a.game_date FROM g
       JOIN actuals a ON a.game_id = g.game_id AND a.game_date <> g.game_date
       LIMIT 20`,
    )
    .all(batchId) as GameDateConflict[];
}
