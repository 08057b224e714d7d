/**
 * The fenced, atomic replace of one date (SPEC section 4 step 3) on SQLite: BEGIN IMMEDIATE takes
 * the database's single write lock, the fence is claimed first, then delete, chunked insert with
 * the event loop released between chunks, performance rows, run patch, COMMIT. A crash at any
 * point leaves the WAL without a commit record, so the date is all old.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { DailyPerformance, GradedRow } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { failpoint } from '../../util/failpoints.js';
import { ACCURACY_COLUMNS, PERFORMANCE_COLUMNS } from '../columns.js';
import { chunksOf, performanceOf } from '../row-source.js';
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
    const rowsWritten = await insertChunks(db, req, { gradedAt, runId: req.runId, fenceToken });
    writePerformance(db, req.gameDate, performanceOf(req), gradedAt);
    updateRun(db, req.runId, { ...req.runPatch, fenceToken, rowsDeleted, rowsWritten });
    req.checkLease?.();
    await failpoint('before-commit');
    req.checkLease?.();
    return { rowsDeleted, rowsWritten, fenceToken, gradedAt };
  });
}

/** What the store stamps on every row of one write. */
export type WriteStamp = { gradedAt: string; runId: string; fenceToken: number };

/**
 * A graded row's INSERT parameters in ACCURACY_COLUMNS order, encoded as encodeRow does (a test
 * holds the two equal). One array is reused for every row (better-sqlite3 binds it synchronously)
 * and the stamp's columns are filled once, so the hot loop allocates nothing per row.
 */
export function accuracyParams(stamp: WriteStamp): (row: GradedRow) => unknown[] {
  const params: unknown[] = new Array(ACCURACY_COLUMNS.length).fill(null);
  params[26] = stamp.gradedAt;
  params[27] = stamp.runId;
  params[28] = stamp.fenceToken;
  return (r) => {
    params[0] = r.playerLookup;
    params[1] = r.gameId;
    params[2] = r.systemId;
    params[3] = r.lineValue;
    params[4] = r.gameDate;
    params[5] = r.predictionId;
    params[6] = r.teamAbbr;
    params[7] = r.opponentTeamAbbr;
    params[8] = r.predictedPoints;
    params[9] = r.confidenceScore;
    params[10] = r.confidenceDecile;
    params[11] = r.recommendation;
    params[12] = r.actualPoints;
    params[13] = r.minutesPlayed;
    params[14] = r.absoluteError;
    params[15] = r.signedError;
    params[16] = sqliteBool(r.predictionCorrect);
    params[17] = r.predictedMargin;
    params[18] = r.actualMargin;
    params[19] = sqliteBool(r.within3Points);
    params[20] = sqliteBool(r.within5Points);
    params[21] = sqliteBool(r.isVoided);
    params[22] = r.voidReason;
    params[23] = r.modelVersion;
    params[24] = r.oddsAmerican;
    params[25] = r.profitUnits;
    return params;
  };
}

function sqliteBool(value: boolean | null): 0 | 1 | null {
  return value === null ? null : value ? 1 : 0;
}

/** Insert the request's rows chunk by chunk (checking the lease after each); returns the count. */
async function insertChunks(
  db: Db,
  req: ReplacePartitionRequest,
  stamp: WriteStamp,
): Promise<number> {
  const insert = db.prepare(insertSql('prediction_accuracy', ACCURACY_COLUMNS));
  const paramsOf = accuracyParams(stamp);
  let written = 0;
  for await (const chunk of chunksOf(req.rows, SQLITE_CHUNK_ROWS)) {
    assertDate(req.gameDate, chunk);
    for (const row of chunk) insert.run(paramsOf(row));
    if (written === 0) await failpoint('mid-insert');
    written += chunk.length;
    req.checkLease?.();
    await yieldLoop();
  }
  return written;
}

function assertDate(gameDate: string, rows: readonly GradedRow[]): void {
  const stray = rows.find((r) => r.gameDate !== gameDate);
  if (stray !== undefined) {
    throw new InternalError(`replacePartition(${gameDate}) got a row of ${stray.gameDate}`);
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
