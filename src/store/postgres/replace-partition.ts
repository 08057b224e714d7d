/**
 * replacePartition (SPEC section 4 step 3) for PostgreSQL: one transaction that claims the
 * partition's fence (serializing writers of the date), deletes the date's graded rows, COPYs the
 * new ones in chunks (checking the lease between chunks), replaces the date's performance rows,
 * patches the run, checks the lease once more and commits. Any error rolls everything back.
 */
import type { PoolClient } from 'pg';
import type { IsoTimestamp } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { failpoint } from '../../util/failpoints.js';
import { chunksOf, performanceOf } from '../row-source.js';
import type { FenceState, ReplacePartitionRequest, ReplacePartitionResult } from '../store.js';
import { copyAccuracyRows, type WriteStamp } from './copy.js';
import { runFenced } from './fenced.js';
import { acceptClaim, advanceFence, markWriter } from './fences.js';
import { replacePerformance } from './performance.js';
import type { PgContext } from './pool.js';
import { applyRunPatch } from './runs.js';
import { STORE_CLOCK } from './sql.js';

/** Rows per COPY statement; the lease is checked between them. */
export const COPY_CHUNK_ROWS = 20_000;

function assertOneDate(gameDate: string, rows: readonly { gameDate: string }[]): void {
  const stray = rows.find((r) => r.gameDate !== gameDate);
  if (stray !== undefined) {
    throw new InternalError(`replacePartition(${gameDate}) got a row of ${stray.gameDate}`);
  }
}

async function storeClock(client: PoolClient): Promise<IsoTimestamp> {
  const { rows } = await client.query<{ now: IsoTimestamp }>(`SELECT ${STORE_CLOCK} AS now`);
  return rows[0]!.now;
}

async function copyInChunks(
  client: PoolClient,
  req: ReplacePartitionRequest,
  stamp: WriteStamp,
): Promise<number> {
  let written = 0;
  let index = 0;
  for await (const chunk of chunksOf(req.rows, COPY_CHUNK_ROWS)) {
    assertOneDate(req.gameDate, chunk);
    if (index > 0) req.checkLease?.();
    written += await copyAccuracyRows(client, chunk, stamp);
    if (index++ === 0) await failpoint('mid-insert');
  }
  return written;
}

async function writePartition(
  client: PoolClient,
  req: ReplacePartitionRequest,
  stored: FenceState,
  prefix: string,
): Promise<ReplacePartitionResult> {
  const fenceToken = acceptClaim(req.fence, stored, `grading_${req.gameDate}`);
  if (req.fence.mode === 'store') await markWriter(client, prefix, fenceToken);
  await advanceFence(client, 'prediction_accuracy', req.gameDate, fenceToken, req.fence.runId);
  const gradedAt = await storeClock(client);
  const deleted = await client.query('DELETE FROM prediction_accuracy WHERE game_date = $1::date', [
    req.gameDate,
  ]);
  const rowsDeleted = deleted.rowCount ?? 0;
  await failpoint('after-delete');
  const rowsWritten = await copyInChunks(client, req, { gradedAt, runId: req.runId, fenceToken });
  const performance = performanceOf(req);
  assertOneDate(req.gameDate, performance);
  await replacePerformance(client, req.gameDate, performance, gradedAt);
  await applyRunPatch(client, req.runId, { ...req.runPatch, fenceToken, rowsDeleted, rowsWritten });
  req.checkLease?.();
  await failpoint('before-commit');
  return { rowsDeleted, rowsWritten, fenceToken, gradedAt };
}

/** The fenced, atomic replace of one date of prediction_accuracy. */
export async function replacePartition(
  ctx: PgContext,
  req: ReplacePartitionRequest,
): Promise<ReplacePartitionResult> {
  if (Array.isArray(req.rows)) assertOneDate(req.gameDate, req.rows);
  const token = req.fence.mode === 'lease' ? req.fence.token : null;
  return runFenced(ctx, {
    resource: 'prediction_accuracy',
    scope: req.gameDate,
    key: `grading_${req.gameDate}`,
    token,
    terminateBelow: token,
    body: (client, stored, prefix) => writePartition(client, req, stored, prefix),
  });
}
