/**
 * The fenced merge of a staged batch on PostgreSQL, in one transaction (staging-fenced.ts claims
 * the `predictions` fence of each date first): move the batch's staging rows into `predictions`
 * in chunks (a version already stored is ignored), recompute is_active of the batch's triples,
 * verify one active version per triple on the batch's dates, mark the batch merged, drop its
 * staging. Any error or crash rolls everything back and leaves the batch in staging.
 */
import type { PoolClient } from 'pg';
import type { IsoDate, IsoTimestamp } from '../../domain/types.js';
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
import { activeConflicts, recomputeActive, type Triple } from './active.js';
import type { PgContext } from './pool.js';
import { STORE_CLOCK } from './sql.js';
import { markFailed, markMerged, readBatch } from './staging.js';
import { type DateFence, runDatesFenced } from './staging-fenced.js';

const VERSION_LIST = VERSION_COLUMNS.map((c) => c.column).join(', ');

const MOVE_CHUNK = `INSERT INTO predictions (${VERSION_LIST}, is_active, batch_id, first_seen_at)
  SELECT ${VERSION_LIST}, false, batch_id, $2::timestamptz FROM prediction_staging
  WHERE batch_id = $1 AND seq >= $3 AND seq < $4 ORDER BY seq
  ON CONFLICT DO NOTHING RETURNING game_date`;

/** Merge a staged batch; a batch refused by a check is marked failed after the rollback. */
export async function mergeBatch(
  ctx: PgContext,
  req: MergeBatchRequest,
): Promise<MergeBatchResult> {
  try {
    return await runDatesFenced(ctx, {
      claims: sortClaims(req.fences),
      body: (client, fences) => mergeInTransaction(client, req, fences),
    });
  } catch (err) {
    if (failsBatch(err)) {
      await markFailed(ctx, req.batchId, err instanceof Error ? err.message : String(err));
    }
    throw err;
  }
}

async function mergeInTransaction(
  client: PoolClient,
  req: MergeBatchRequest,
  fences: DateFence[],
): Promise<MergeBatchResult> {
  const batch = await readBatch(client, req.batchId, true);
  if (batch === null) throw new InternalError(`batch ${req.batchId} is not registered`);
  if (batch.status === 'merged') {
    return { outcome: 'already_merged', versionsAdded: 0, datesTouched: [], fences };
  }
  assertClaimsCover(batch, req.fences);
  assertGameDates(req.batchId, await gameDateConflicts(client, req.batchId));
  const clock = await client.query<{ now: IsoTimestamp }>(`SELECT ${STORE_CLOCK} AS now`);
  const now = clock.rows[0]!.now;
  const added = await moveStagedRows(client, req, batch, now);
  const changed = await recomputeActive(client, await stagedTriples(client, req.batchId));
  assertOneActivePerTriple(req.batchId, await activeConflicts(client, batch.dates));
  await markMerged(client, req.batchId, added.length, { now, keepStaging: req.keepStaging });
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
  client: PoolClient,
  req: MergeBatchRequest,
  batch: BatchRecord,
  now: IsoTimestamp,
): Promise<IsoDate[]> {
  const added: IsoDate[] = [];
  for (let low = 0; low < Math.max(batch.rows, 1); low += MERGE_CHUNK_ROWS) {
    if (low > 0) req.checkLease?.();
    const { rows } = await client.query<{ game_date: IsoDate }>(MOVE_CHUNK, [
      req.batchId,
      now,
      low,
      low + MERGE_CHUNK_ROWS,
    ]);
    for (const r of rows) added.push(r.game_date);
    if (low === 0) await failpoint('consolidate-mid-insert');
  }
  return added;
}

async function stagedTriples(client: PoolClient, batchId: string): Promise<Triple[]> {
  const { rows } = await client.query<Triple>(
    `SELECT DISTINCT player_lookup, game_id, system_id FROM prediction_staging WHERE batch_id = $1`,
    [batchId],
  );
  return rows;
}

/** Games of the batch stored (in predictions or actuals) under another date. */
async function gameDateConflicts(client: PoolClient, batchId: string): Promise<GameDateConflict[]> {
  const { rows } = await client.query<GameDateConflict>(
    `WITH g AS (SELECT DISTINCT game_id, game_date FROM prediction_staging WHERE batch_id = $1)
     SELECT DISTINCT g.game_id AS "gameId", g.game_date AS staged, o.game_date AS stored
     FROM g JOIN (
       SELECT game_id, game_date FROM predictions
       UNION ALL SELECT game_id, game_date FROM actuals
     ) o ON o.game_id = g.game_id AND o.game_date <> g.game_date
     LIMIT 20`,
    [batchId],
  );
  return rows;
}
