/**
 * The run ledger (grading_runs): insert with the store clock as started_at, patch (with
 * `'now'` stamping the store clock), read one, list newest first.
 */
import type { PoolClient } from 'pg';
import { InternalError } from '../../errors.js';
import type { NewRun, RunFilter, RunPatch, RunRecord } from '../store.js';
import type { PgContext } from './pool.js';
import { toRunRecord } from './rows.js';
import { dateRangeWhere, STORE_CLOCK, whereClause } from './sql.js';

/** RunPatch field → grading_runs column. */
const PATCH_COLUMNS: Readonly<Record<keyof RunPatch, string>> = {
  triggerSource: 'trigger_source',
  correlationId: 'correlation_id',
  holder: 'holder',
  lockMode: 'lock_mode',
  status: 'status',
  lockAcquiredAt: 'lock_acquired_at',
  finishedAt: 'finished_at',
  rowsDeleted: 'rows_deleted',
  rowsWritten: 'rows_written',
  sourceDuplicatesDropped: 'source_duplicates_dropped',
  supersededLines: 'superseded_lines',
  latePredictions: 'late_predictions',
  pendingGames: 'pending_games',
  duplicateKeys: 'duplicate_keys',
  validationId: 'validation_id',
  fenceToken: 'fence_token',
  lockWaitMs: 'lock_wait_ms',
  error: 'error',
};

/** Insert a run; started_at is the store clock. */
export function insertRun(ctx: PgContext, run: NewRun): Promise<RunRecord> {
  return ctx.withClient(async (client) => {
    const { rows } = await client.query(
      `INSERT INTO grading_runs (run_id, game_date, trigger, trigger_source, correlation_id,
         holder, lock_mode, status, started_at)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, ${STORE_CLOCK}) RETURNING *`,
      [
        run.runId,
        run.gameDate,
        run.trigger,
        run.triggerSource,
        run.correlationId,
        run.holder,
        run.lockMode,
        run.status,
      ],
    );
    return toRunRecord(rows[0]!);
  });
}

function patchValue(key: keyof RunPatch, value: unknown): unknown {
  if (key === 'pendingGames') return value === null ? null : JSON.stringify(value);
  return value;
}

/** Apply a patch with an existing client (also used inside replacePartition's transaction). */
export async function applyRunPatch(
  client: PoolClient,
  runId: string,
  patch: RunPatch,
): Promise<void> {
  const params: unknown[] = [runId];
  const sets: string[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof RunPatch, unknown][]) {
    const column = PATCH_COLUMNS[key];
    if (column === undefined || value === undefined) continue;
    if (value === 'now' && (key === 'lockAcquiredAt' || key === 'finishedAt')) {
      sets.push(`${column} = ${STORE_CLOCK}`);
      continue;
    }
    params.push(patchValue(key, value));
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length === 0) return;
  const result = await client.query(
    `UPDATE grading_runs SET ${sets.join(', ')} WHERE run_id = $1`,
    params,
  );
  if (result.rowCount === 0) throw new InternalError(`run ${runId} is not in the ledger`);
}

/** Patch a run. */
export function updateRun(ctx: PgContext, runId: string, patch: RunPatch): Promise<void> {
  return ctx.withClient((client) => applyRunPatch(client, runId, patch));
}

/** One run, or null. */
export function getRun(ctx: PgContext, runId: string): Promise<RunRecord | null> {
  return ctx.withClient(async (client) => {
    const { rows } = await client.query('SELECT * FROM grading_runs WHERE run_id = $1', [runId]);
    return rows[0] === undefined ? null : toRunRecord(rows[0]);
  });
}

/** Runs matching the filter, newest first. */
export function listRuns(ctx: PgContext, filter: RunFilter = {}): Promise<RunRecord[]> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const clauses = dateRangeWhere(filter, params);
    if (filter.gameDate !== undefined) {
      params.push(filter.gameDate);
      clauses.push(`game_date = $${params.length}::date`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      clauses.push(`status = $${params.length}`);
    }
    const limit =
      filter.limit === undefined ? '' : `LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
    const { rows } = await client.query(
      `SELECT * FROM grading_runs ${whereClause(clauses)}
       ORDER BY started_at DESC, run_id COLLATE "C" DESC ${limit}`,
      params,
    );
    return rows.map(toRunRecord);
  });
}
