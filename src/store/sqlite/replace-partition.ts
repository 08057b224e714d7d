/**
 * The fenced, atomic replace of one date (SPEC section 4 step 3) on SQLite: BEGIN IMMEDIATE takes
 * the database's single write lock, the fence is claimed first, then delete, chunked insert with
 * the event loop released between chunks, performance rows, run patch, COMMIT. A crash at any
 * point leaves the WAL without a commit record, so the date is all old.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { DailyPerformance, GradedRow } from '../../domain/types.js';
import { failpoint } from '../../util/failpoints.js';
import { ACCURACY_COLUMNS, type ColumnSpec, PERFORMANCE_COLUMNS } from '../columns.js';
import type { ReplacePartitionRequest, ReplacePartitionResult } from '../store.js';
import type { Db, SqliteConnection } from './connection.js';
import { encodeRow, encodeValue, insertSql } from './encode.js';
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

type WriteStamp = { gradedAt: string; runId: string; fenceToken: number };

/**
 * A graded row's INSERT parameters in ACCURACY_COLUMNS order, encoded as encodeRow does. One
 * array is reused for every row (better-sqlite3 binds it synchronously) and the stamp's columns
 * are filled once, so the hot loop allocates nothing per row.
 */
export function accuracyParams(stamp: WriteStamp): (row: GradedRow) => unknown[] {
  const params: unknown[] = new Array(ACCURACY_COLUMNS.length).fill(null);
  const perRow: { index: number; field: string; kind: ColumnSpec['kind'] }[] = [];
  ACCURACY_COLUMNS.forEach((spec, index) => {
    if (Object.hasOwn(stamp, spec.field)) params[index] = encodeRow(stamp, [spec])[0];
    else perRow.push({ index, field: spec.field, kind: spec.kind });
  });
  return (row) => {
    const source = row as unknown as Record<string, unknown>;
    for (const { index, field, kind } of perRow) params[index] = encodeValue(source[field], kind);
    return params;
  };
}

async function insertChunks(
  db: Db,
  req: ReplacePartitionRequest,
  stamp: WriteStamp,
): Promise<void> {
  const insert = db.prepare(insertSql('prediction_accuracy', ACCURACY_COLUMNS));
  const paramsOf = accuracyParams(stamp);
  const rows = req.rows;
  for (let start = 0; start < rows.length; start += SQLITE_CHUNK_ROWS) {
    const end = Math.min(start + SQLITE_CHUNK_ROWS, rows.length);
    for (let i = start; i < end; i++) insert.run(paramsOf(rows[i]!));
    if (start === 0) await failpoint('mid-insert');
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
