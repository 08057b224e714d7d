/**
 * The batch registry and staging on PostgreSQL: a producer registers its batch and writes its
 * versions to `prediction_staging` in one transaction, touching only rows of its own batch id.
 * Two producers registering one id at once are ordered by the registry's primary key: the second
 * waits for the first to commit, then sees its content hash. The merge is staging-merge.ts.
 */
import type { PoolClient, QueryResultRow } from 'pg';
import type { IsoTimestamp, PredictionVersion } from '../../domain/types.js';
import { datesOf, registeredConflict } from '../staging.js';
import type { BatchRecord, BatchStatus, StageBatchRequest, StageBatchResult } from '../store.js';
import type { PgContext } from './pool.js';
import { STORE_CLOCK } from './sql.js';
import { chunked, INSERT_CHUNK_ROWS, insertViaUnnest, type UnnestColumn } from './unnest.js';
import { VERSION_UNNEST_COLUMNS, versionValues } from './version-columns.js';

const STAGING_INSERT: readonly UnnestColumn[] = [
  { name: 'batch_id', type: 'text' },
  { name: 'seq', type: 'int4' },
  ...VERSION_UNNEST_COLUMNS,
];

function stagingValues(batchId: string, seq: number, v: PredictionVersion): unknown[] {
  return [batchId, seq, ...versionValues(v)];
}

const SELECT_BATCHES = `SELECT b.*,
  (SELECT count(*) FROM prediction_staging s WHERE s.batch_id = b.batch_id) AS staged_rows
  FROM batches b`;

function toBatch(r: QueryResultRow): BatchRecord {
  return {
    batchId: r.batch_id as string,
    sha256: r.sha256 as string,
    status: r.status as BatchStatus,
    rows: Number(r.rows),
    dates: JSON.parse(r.dates as string) as string[],
    holder: (r.holder as string | null) ?? null,
    createdAt: r.created_at as IsoTimestamp,
    updatedAt: (r.updated_at ?? r.created_at) as IsoTimestamp,
    mergedAt: (r.merged_at as IsoTimestamp | null) ?? null,
    versionsAdded: r.versions_added === null ? null : Number(r.versions_added),
    error: (r.error as string | null) ?? null,
    stagedRows: Number(r.staged_rows),
  };
}

/** One registered batch (row-locked with `forUpdate`), or null. */
export async function readBatch(
  client: PoolClient,
  batchId: string,
  forUpdate = false,
): Promise<BatchRecord | null> {
  const lock = forUpdate ? 'FOR UPDATE OF b' : '';
  const { rows } = await client.query(`${SELECT_BATCHES} WHERE b.batch_id = $1 ${lock}`, [batchId]);
  return rows[0] ? toBatch(rows[0]) : null;
}

/** Registered batches, oldest first. */
export function listBatches(
  ctx: PgContext,
  filter: { status?: BatchStatus } = {},
): Promise<BatchRecord[]> {
  return ctx.withClient(async (client) => {
    const where = filter.status ? 'WHERE b.status = $1' : '';
    const { rows } = await client.query(
      `${SELECT_BATCHES} ${where} ORDER BY b.created_at, b.batch_id COLLATE "C"`,
      filter.status ? [filter.status] : [],
    );
    return rows.map(toBatch);
  });
}

async function register(client: PoolClient, req: StageBatchRequest): Promise<boolean> {
  const inserted = await client.query(
    `INSERT INTO batches (batch_id, sha256, status, rows, created_at, dates, holder, updated_at)
     VALUES ($1, $2, 'staged', $3, ${STORE_CLOCK}, $4, $5, ${STORE_CLOCK})
     ON CONFLICT (batch_id) DO NOTHING`,
    [
      req.batchId,
      req.sha256,
      req.versions.length,
      JSON.stringify(datesOf(req.versions)),
      req.holder,
    ],
  );
  return (inserted.rowCount ?? 0) > 0;
}

async function writeStaging(client: PoolClient, req: StageBatchRequest): Promise<void> {
  let seq = 0;
  for (const chunk of chunked(req.versions, INSERT_CHUNK_ROWS)) {
    const values = chunk.map((v) => stagingValues(req.batchId, seq++, v));
    await insertViaUnnest(client, 'prediction_staging', STAGING_INSERT, values);
  }
}

async function resume(client: PoolClient, req: StageBatchRequest): Promise<StageBatchResult> {
  const existing = (await readBatch(client, req.batchId, true))!;
  const conflict = registeredConflict(existing, req);
  if (conflict) throw conflict;
  if (existing.status === 'merged') return { outcome: 'already_merged', batch: existing };
  await client.query(
    `UPDATE batches SET status = 'staged', holder = $2, error = NULL, updated_at = ${STORE_CLOCK}
     WHERE batch_id = $1`,
    [req.batchId, req.holder],
  );
  return { outcome: 'resumed', batch: (await readBatch(client, req.batchId))! };
}

/** Register the batch and stage its versions; or resume a registered one with the same content. */
export function stageBatch(ctx: PgContext, req: StageBatchRequest): Promise<StageBatchResult> {
  return ctx.withTransaction(async (client) => {
    if (!(await register(client, req))) return resume(client, req);
    await writeStaging(client, req);
    return { outcome: 'staged', batch: (await readBatch(client, req.batchId))! };
  });
}

/** Record a merge that the checks refused; the staging rows stay. */
export function markFailed(ctx: PgContext, batchId: string, error: string): Promise<void> {
  return ctx.withClient(async (client) => {
    await client.query(
      `UPDATE batches SET status = 'failed', error = $2, updated_at = ${STORE_CLOCK}
       WHERE batch_id = $1 AND status <> 'merged'`,
      [batchId, error],
    );
  });
}

/** Record a successful merge (inside the merge transaction) and drop the staging rows unless kept. */
export async function markMerged(
  client: PoolClient,
  batchId: string,
  versionsAdded: number,
  opts: { now: IsoTimestamp; keepStaging: boolean },
): Promise<void> {
  await client.query(
    `UPDATE batches SET status = 'merged', merged_at = $2, versions_added = $3, error = NULL,
       updated_at = $2 WHERE batch_id = $1`,
    [batchId, opts.now, versionsAdded],
  );
  if (!opts.keepStaging) {
    await client.query('DELETE FROM prediction_staging WHERE batch_id = $1', [batchId]);
  }
}
