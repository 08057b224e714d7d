/** The run ledger (grading_runs). */
import { RUN_COLUMNS } from '../columns.js';
import type { NewRun, RunFilter, RunPatch, RunRecord } from '../store.js';
import type { Db } from './connection.js';
import { decodeRow, encodeRow, encodeValue, insertSql } from './encode.js';

/** Insert a run; started_at is the store clock. */
export function insertRun(db: Db, run: NewRun): RunRecord {
  const record: RunRecord = {
    ...run,
    startedAt: new Date().toISOString(),
    lockAcquiredAt: null,
    finishedAt: null,
    rowsDeleted: null,
    rowsWritten: null,
    sourceDuplicatesDropped: null,
    supersededLines: null,
    latePredictions: null,
    pendingGames: null,
    duplicateKeys: null,
    validationId: null,
    fenceToken: null,
    lockWaitMs: null,
    error: null,
  };
  db.prepare(insertSql('grading_runs', RUN_COLUMNS)).run(...encodeRow(record, RUN_COLUMNS));
  return record;
}

/** Apply a patch; `'now'` stamps the store clock. */
export function updateRun(db: Db, runId: string, patch: RunPatch): void {
  const now = new Date().toISOString();
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const spec of RUN_COLUMNS) {
    if (!(spec.field in patch)) continue;
    const raw = (patch as Record<string, unknown>)[spec.field];
    sets.push(`${spec.column} = ?`);
    values.push(raw === 'now' ? now : encodeValue(raw, spec.kind));
  }
  if (sets.length === 0) return;
  db.prepare(`UPDATE grading_runs SET ${sets.join(', ')} WHERE run_id = ?`).run(...values, runId);
}

/** One run, or null. */
export function getRun(db: Db, runId: string): RunRecord | null {
  const row = db.prepare('SELECT * FROM grading_runs WHERE run_id = ?').get(runId) as
    | Record<string, unknown>
    | undefined;
  return row ? decodeRow<RunRecord>(row, RUN_COLUMNS) : null;
}

/** Runs matching the filter, newest first. */
export function listRuns(db: Db, filter: RunFilter = {}): RunRecord[] {
  const conditions: [string, unknown][] = [];
  if (filter.gameDate) conditions.push(['game_date = ?', filter.gameDate]);
  if (filter.from) conditions.push(['game_date >= ?', filter.from]);
  if (filter.to) conditions.push(['game_date <= ?', filter.to]);
  if (filter.status) conditions.push(['status = ?', filter.status]);
  const where = conditions.map((c) => c[0]);
  const values = conditions.map((c) => c[1]);
  const sql = `SELECT * FROM grading_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY started_at DESC, run_id DESC ${filter.limit ? `LIMIT ${Math.floor(filter.limit)}` : ''}`;
  return (db.prepare(sql).all(...values) as Record<string, unknown>[]).map((r) =>
    decodeRow<RunRecord>(r, RUN_COLUMNS),
  );
}
