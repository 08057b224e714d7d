/**
 * The batch registry and staging on SQLite: a producer registers its batch and writes its
 * versions to `prediction_staging` in one BEGIN IMMEDIATE transaction, touching only rows of its
 * own batch id. The merge (staging-merge.ts) moves them into `predictions`.
 */
import type { IsoTimestamp } from '../../domain/types.js';
import { datesOf, registeredConflict, STAGING_COLUMNS } from '../staging.js';
import type { BatchRecord, BatchStatus, StageBatchRequest, StageBatchResult } from '../store.js';
import type { Db } from './connection.js';
import { encodeRow, insertSql } from './encode.js';

interface BatchRow {
  batch_id: string;
  sha256: string;
  status: BatchStatus;
  rows: number;
  dates: string;
  holder: string | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp | null;
  merged_at: IsoTimestamp | null;
  versions_added: number | null;
  error: string | null;
  staged_rows: number;
}

const SELECT_BATCHES = `SELECT b.*,
  (SELECT COUNT(*) FROM prediction_staging s WHERE s.batch_id = b.batch_id) AS staged_rows
  FROM batches b`;

function toBatch(r: BatchRow): BatchRecord {
  return {
    batchId: r.batch_id,
    sha256: r.sha256,
    status: r.status,
    rows: Number(r.rows),
    dates: JSON.parse(r.dates) as string[],
    holder: r.holder,
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
    mergedAt: r.merged_at,
    versionsAdded: r.versions_added === null ? null : Number(r.versions_added),
    error: r.error,
    stagedRows: Number(r.staged_rows),
  };
}

/** One registered batch, or null. */
export function readBatch(db: Db, batchId: string): BatchRecord | null {
  const row = db.prepare(`${SELECT_BATCHES} WHERE b.batch_id = ?`).get(batchId) as
    | BatchRow
    | undefined;
  return row ? toBatch(row) : null;
}

/** Registered batches, oldest first. */
export function listBatches(db: Db, filter: { status?: BatchStatus } = {}): BatchRecord[] {
  const where = filter.status ? 'WHERE b.status = ?' : '';
  const rows = db
    .prepare(`${SELECT_BATCHES} ${where} ORDER BY b.created_at, b.batch_id`)
    .all(...(filter.status ? [filter.status] : [])) as BatchRow[];
  return rows.map(toBatch);
}

/** Register the batch and stage its versions; or resume a registered one with the same content. */
export function stageBatch(db: Db, req: StageBatchRequest): StageBatchResult {
  const existing = readBatch(db, req.batchId);
  if (existing) return resume(db, existing, req);
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO batches (batch_id, sha256, status, rows, created_at, dates, holder, updated_at)
     VALUES (?, ?, 'staged', ?, ?, ?, ?, ?)`,
  ).run(
    req.batchId,
    req.sha256,
    req.versions.length,
    now,
    JSON.stringify(datesOf(req.versions)),
    req.holder,
    now,
  );
  const insert = db.prepare(insertSql('prediction_staging', STAGING_COLUMNS));
  req.versions.forEach((v, seq) => {
    insert.run(...encodeRow({ ...v, batchId: req.batchId, seq }, STAGING_COLUMNS));
  });
  return { outcome: 'staged', batch: readBatch(db, req.batchId)! };
}

function resume(db: Db, existing: BatchRecord, req: StageBatchRequest): StageBatchResult {
  const conflict = registeredConflict(existing, req);
  if (conflict) throw conflict;
  if (existing.status === 'merged') return { outcome: 'already_merged', batch: existing };
  db.prepare(
    `UPDATE batches SET status = 'staged', holder = ?, error = NULL, updated_at = ? WHERE batch_id = ?`,
  ).run(req.holder, new Date().toISOString(), req.batchId);
  return { outcome: 'resumed', batch: readBatch(db, req.batchId)! };
}

/** Record a merge that the checks refused; the staging rows stay. */
export function markFailed(db: Db, batchId: string, error: string): void {
  db.prepare(
    `UPDATE batches SET status = 'failed', error = ?, updated_at = ? WHERE batch_id = ? AND status <> 'merged'`,
  ).run(error, new Date().toISOString(), batchId);
}

/** Record a successful merge (inside the merge transaction) and drop the staging rows unless kept. */
export function markMerged(
  db: Db,
  batchId: string,
  versionsAdded: number,
  opts: { now: IsoTimestamp; keepStaging: boolean },
): void {
  db.prepare(
    `UPDATE batches SET status = 'merged', merged_at = ?, versions_added = ?, error = NULL, updated_at = ?
     WHERE batch_id = ?`,
  ).run(opts.now, versionsAdded, opts.now, batchId);
  if (!opts.keepStaging)
    db.prepare('DELETE FROM prediction_staging WHERE batch_id = ?').run(batchId);
}
