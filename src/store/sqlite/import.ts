/**
 * `appendAccuracy` on SQLite: rows appended as given, fenced on each of their dates, in one
 * BEGIN IMMEDIATE transaction with the event loop released between chunks. With the guard
 * installed, each row's key is looked up through the guard's own expression index.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { AccuracyRow } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import type { AccuracyKey, AppendAccuracyRequest, AppendAccuracyResult } from '../store.js';
import type { Db, SqliteConnection } from './connection.js';
import { encodeRow, insertSql } from './encode.js';
import {
  claimDates,
  datesOf,
  guardInstalled,
  logEntry,
  RollbackWith,
  recomputeDates,
  setGuard,
} from './maintenance-tx.js';
import { SQLITE_CHUNK_ROWS } from './replace-partition.js';
import { GUARD_INDEX } from './schema.js';

/** At most this many colliding keys are named. */
export const COLLISIONS_NAMED = 20;

/** Rows whose key is already stored (looked up through the guard index), at most `limit`. */
export function storedCollisions(
  db: Db,
  rows: readonly AccuracyRow[],
  limit = COLLISIONS_NAMED,
): AccuracyKey[] {
  const lookup = db.prepare(
    `SELECT 1 FROM prediction_accuracy INDEXED BY ${GUARD_INDEX}
     WHERE player_lookup = ? AND game_id = ? AND system_id = ? AND ifnull(line_value, 'NULL') = ?
     LIMIT 1`,
  );
  const found: AccuracyKey[] = [];
  for (const r of rows) {
    if (lookup.get(r.playerLookup, r.gameId, r.systemId, r.lineValue ?? 'NULL') === undefined)
      continue;
    const { playerLookup, gameId, systemId, lineValue, gameDate } = r;
    found.push({ playerLookup, gameId, systemId, lineValue, gameDate });
    if (found.length >= limit) break;
  }
  return found;
}

/** Insert rows as given, in chunks, releasing the event loop and checking the lease between them. */
export async function insertAccuracyRows(
  db: Db,
  rows: readonly AccuracyRow[],
  checkLease?: () => void,
): Promise<number> {
  const insert = db.prepare(insertSql('prediction_accuracy', ACCURACY_COLUMNS));
  for (let i = 0; i < rows.length; i += SQLITE_CHUNK_ROWS) {
    for (const row of rows.slice(i, i + SQLITE_CHUNK_ROWS))
      insert.run(...encodeRow(row, ACCURACY_COLUMNS));
    checkLease?.();
    await yieldLoop();
  }
  return rows.length;
}

/** Decide about the guard: keep it, drop it, or reject the rows (throws RollbackWith). */
function settleGuard(db: Db, req: AppendAccuracyRequest): boolean {
  if (!guardInstalled(db)) return false;
  const collisions = storedCollisions(db, req.rows);
  if (collisions.length === 0 && !req.rowsRepeatKeys) return false;
  if (!req.allowGuardDrop) {
    throw new RollbackWith<AppendAccuracyResult>({ outcome: 'rejected', collisions });
  }
  const operationId = String(req.log.details.operationId ?? '');
  setGuard(db, false, `${req.log.action} --drop-guard: the rows repeat keys`, operationId);
  return true;
}

/** Every row's date must be fenced by the request. */
export function assertRowsClaimed(req: AppendAccuracyRequest): void {
  const claimed = new Set(req.fences.map((f) => f.gameDate));
  const stray = req.rows.find((r) => !claimed.has(r.gameDate));
  if (stray) throw new InternalError(`appendAccuracy: no fence claim for ${stray.gameDate}`);
}

/** Append graded rows as given (see the Store port). */
export async function appendAccuracy(
  conn: SqliteConnection,
  req: AppendAccuracyRequest,
): Promise<AppendAccuracyResult> {
  assertRowsClaimed(req);
  try {
    return await conn.asyncImmediate(async (db) => {
      claimDates(db, req.fences);
      const guardDropped = settleGuard(db, req);
      const rowsWritten = await insertAccuracyRows(db, req.rows, req.checkLease);
      await recomputeDates(db, datesOf(req.fences), req.recompute);
      logEntry(db, req.log, { rowsWritten, guardDropped });
      req.checkLease?.();
      return { outcome: 'appended' as const, rowsWritten, guardDropped };
    });
  } catch (err) {
    if (err instanceof RollbackWith) return err.result as AppendAccuracyResult;
    throw err;
  }
}
