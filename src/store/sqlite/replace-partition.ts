/**
 * The fenced, atomic replace of one date (SPEC section 4 step 3) on SQLite: BEGIN IMMEDIATE takes
 * the database's single write lock, the fence is claimed first, then delete, chunked insert with
 * the event loop released between chunks, performance rows, run patch, COMMIT. A crash at any
 * point leaves the WAL without a commit record, so the date is all old.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { DailyPerformance, GradedRow } from '../../domain/types.js';
import { failpoint } from '../../util/failpoints.js';
import { ACCURACY_COLUMNS, PERFORMANCE_COLUMNS } from '../columns.js';
import type { ReplacePartitionRequest, ReplacePartitionResult } from '../store.js';
import type { Db, SqliteConnection } from './connection.js';
import { encodeRow, insertSql } from './encode.js';
import { claimFence } from './fences.js';
import { updateRun } from './runs.js';

/** At most this many rows per chunk between event-loop releases. */
export const SQLITE_CHUNK_ROWS = 20_000;

/** Replace the date's rows of prediction_accuracy and system_daily_performance. */
export function replacePartition(
  conn: SqliteConnection,
  req: ReplacePartitionRequest,
): Promise<ReplacePartitionResult> {
  return conn.asyncImmediate(async (db) => {
    const fenceToken = claimFence(db, 'prediction_accuracy', req.gameDate, req.fence);
    const gradedAt = new Date().toISOString();
    const rowsDeleted = db
      .prepare('DELETE FROM prediction_accuracy WHERE game_date = ?')
      .run(req.gameDate).changes;
    await failpoint('after-delete');
    await insertChunks(db, req, { gradedAt, runId: req.runId, fenceToken });
    writePerformance(db, req.gameDate, req.performance, gradedAt);
    updateRun(db, req.runId, {
      ...req.runPatch,
      fenceToken,
      rowsDeleted,
      rowsWritten: req.rows.length,
    });
    req.checkLease?.();
    await failpoint('before-commit');
    req.checkLease?.();
    return { rowsDeleted, rowsWritten: req.rows.length, fenceToken, gradedAt };
  });
}

async function insertChunks(
  db: Db,
  req: ReplacePartitionRequest,
  stamp: { gradedAt: string; runId: string; fenceToken: number },
): Promise<void> {
  const insert = db.prepare(insertSql('prediction_accuracy', ACCURACY_COLUMNS));
  const insertChunk = (rows: readonly GradedRow[]) => {
    for (const row of rows) insert.run(...encodeRow({ ...row, ...stamp }, ACCURACY_COLUMNS));
  };
  for (let i = 0; i < req.rows.length; i += SQLITE_CHUNK_ROWS) {
    insertChunk(req.rows.slice(i, i + SQLITE_CHUNK_ROWS));
    if (i === 0) await failpoint('mid-insert');
    req.checkLease?.();
    await yieldLoop();
  }
}

/** Replace the date's performance rows (inside the caller's transaction). */
export function writePerformance(
  db: Db,
  gameDate: string,
  rows: readonly DailyPerformance[],
  computedAt: string,
): void {
  db.prepare('DELETE FROM system_daily_performance WHERE game_date = ?').run(gameDate);
  const cols = [
    ...PERFORMANCE_COLUMNS,
    { column: 'computed_at', field: 'computedAt', kind: 'text' as const },
  ];
  const insert = db.prepare(insertSql('system_daily_performance', cols));
  for (const row of rows) insert.run(...encodeRow({ ...row, computedAt }, cols));
}
