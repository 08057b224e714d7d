/**
 * Pieces shared by the PostgreSQL maintenance writes (import, dedupe, restore): one transaction
 * that locks and advances the fence rows of several dates in date order (retried while a row is
 * busy, within the store's wait budget), NULL-safe key counts, the unique guard, cursors inside
 * the transaction, and the recompute of a date's performance from its rows.
 */
import type { PoolClient, QueryResultRow } from 'pg';
import type { IsoDate } from '../../domain/types.js';
import { LockTimeoutError } from '../../errors.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import {
  type DateFenceClaim,
  type KeyCounts,
  type MaintenanceEntry,
  PERFORMANCE_FIELDS,
  type PerformanceRecompute,
  type PerformanceRow,
} from '../store.js';
import { acceptClaim, advanceFence, FenceRowBusy, lockFenceRow } from './fences.js';
import { replacePerformance } from './performance.js';
import { type PgContext, rollbackQuietly } from './pool.js';
import { columnList, decodeRow } from './rows.js';
import { GUARD_DDL, GUARD_INDEX } from './schema.js';
import { STORE_CLOCK } from './sql.js';

/** Rows per FETCH when a transaction reads rows back. */
export const PAGE_ROWS = 10_000;

const RETRY_PAUSE_MS = 100;

/** Thrown inside a transaction to roll it back and hand `result` to the caller. */
export class RollbackWith<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back on purpose');
  }
}

/** The dates of a list of claims, sorted. */
export function datesOf(claims: readonly DateFenceClaim[]): IsoDate[] {
  return claims.map((c) => c.gameDate).sort();
}

/** Lock and advance every date's fence row, in date order, inside the caller's transaction. */
export async function claimDates(
  ctx: PgContext,
  client: PoolClient,
  claims: readonly DateFenceClaim[],
): Promise<void> {
  const sorted = [...claims].sort((a, b) => (a.gameDate < b.gameDate ? -1 : 1));
  for (const { gameDate, claim } of sorted) {
    const stored = await lockFenceRow(ctx, client, 'prediction_accuracy', gameDate);
    const token = acceptClaim(claim, stored, `grading_${gameDate}`);
    await advanceFence(client, 'prediction_accuracy', gameDate, token, claim.runId);
  }
}

async function attempt<T>(
  ctx: PgContext,
  claims: readonly DateFenceClaim[],
  body: (client: PoolClient) => Promise<T>,
): Promise<T> {
  return ctx.withClient(async (client) => {
    await client.query('BEGIN');
    try {
      await claimDates(ctx, client, claims);
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await rollbackQuietly(client);
      if (err instanceof RollbackWith) return err.result as T;
      throw err;
    }
  });
}

/** Run `body` in one transaction after claiming the dates' fences; a busy fence row is retried. */
export async function maintenanceTx<T>(
  ctx: PgContext,
  claims: readonly DateFenceClaim[],
  body: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + ctx.settings.fenceWaitBudgetMs;
  for (;;) {
    try {
      return await attempt(ctx, claims, body);
    } catch (err) {
      if (!(err instanceof FenceRowBusy)) throw err;
      if (Date.now() >= deadline) {
        const dates = datesOf(claims).join(', ');
        throw new LockTimeoutError(`fence rows of ${dates} stayed busy`, err.key, null, null);
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}

/** Rows and NULL-safe distinct keys of a table matching a WHERE clause. */
export async function keyCountsWhere(
  client: PoolClient,
  table: string,
  where: string,
  params: unknown[],
): Promise<KeyCounts> {
  const w = where ? `WHERE ${where}` : '';
  const { rows } = await client.query<{ rows: number; keys: number }>(
    `SELECT (SELECT COUNT(*) FROM ${table} ${w})::int8 AS rows,
       (SELECT COUNT(*) FROM (SELECT 1 FROM ${table} ${w}
          GROUP BY player_lookup, game_id, system_id, line_value) k)::int8 AS keys`,
    params,
  );
  return { rows: Number(rows[0]!.rows), uniqueKeys: Number(rows[0]!.keys) };
}

/** Rows and unique keys of some dates of prediction_accuracy. */
export function keyCountsOfDates(client: PoolClient, dates: readonly IsoDate[]) {
  return keyCountsWhere(client, 'prediction_accuracy', 'game_date = ANY($1::date[])', [dates]);
}

/** True when some business key of the table has more than one row. */
export async function tableRepeatsKeys(client: PoolClient, table: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM ${table} GROUP BY player_lookup, game_id, system_id, line_value
     HAVING COUNT(*) > 1 LIMIT 1`,
  );
  return (rowCount ?? 0) > 0;
}

/** Whether the guard is recorded as installed. */
export async function guardInstalled(client: PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ value: string }>(
    `SELECT value FROM store_metadata WHERE key = 'unique_guard'`,
  );
  return rows[0] !== undefined && JSON.parse(rows[0].value).installed === true;
}

/** Append a maintenance entry. */
export async function appendLog(client: PoolClient, action: string, details: unknown) {
  await client.query(
    `INSERT INTO maintenance_log (action, details, created_at) VALUES ($1, $2, ${STORE_CLOCK})`,
    [action, JSON.stringify(details)],
  );
}

/** Append a maintenance entry with extra counts. */
export function logEntry(client: PoolClient, entry: MaintenanceEntry, extra: object) {
  return appendLog(client, entry.action, { ...entry.details, ...extra });
}

/** Install or drop the guard index, record its state and log the change. */
export async function setGuard(
  client: PoolClient,
  installed: boolean,
  reason: string,
  operationId: string,
): Promise<void> {
  await client.query(installed ? GUARD_DDL : `DROP INDEX IF EXISTS ${GUARD_INDEX}`);
  await client.query(
    `INSERT INTO store_metadata (key, value, updated_at) VALUES ('unique_guard', $1, ${STORE_CLOCK})
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [JSON.stringify({ installed, reason })],
  );
  await appendLog(client, installed ? 'guard_installed' : 'guard_dropped', { reason, operationId });
}

/** The rows of a query in batches, through a cursor inside the caller's transaction. */
export async function* cursorBatches<T>(
  client: PoolClient,
  sql: string,
  params: readonly unknown[],
  map: (row: QueryResultRow) => T,
): AsyncGenerator<T[]> {
  await client.query(`DECLARE propgrade_maintenance NO SCROLL CURSOR FOR ${sql}`, [...params]);
  try {
    for (;;) {
      const { rows } = await client.query(`FETCH FORWARD ${PAGE_ROWS} FROM propgrade_maintenance`);
      if (rows.length > 0) yield rows.map(map);
      if (rows.length < PAGE_ROWS) return;
    }
  } finally {
    await client.query('CLOSE propgrade_maintenance').catch(() => undefined);
  }
}

const PERFORMANCE_COLUMNS = ACCURACY_COLUMNS.filter((c) =>
  (PERFORMANCE_FIELDS as readonly string[]).includes(c.field),
);

/** Recompute and replace the performance rows of each date from its rows (performance columns only). */
export async function recomputeDates(
  client: PoolClient,
  dates: readonly IsoDate[],
  recompute: PerformanceRecompute,
): Promise<void> {
  const { rows } = await client.query<{ now: string }>(`SELECT ${STORE_CLOCK} AS now`);
  for (const gameDate of dates) {
    const batches = cursorBatches<PerformanceRow>(
      client,
      `SELECT ${columnList(PERFORMANCE_COLUMNS)} FROM prediction_accuracy WHERE game_date = $1::date`,
      [gameDate],
      (r) => decodeRow<PerformanceRow>(r, PERFORMANCE_COLUMNS),
    );
    const performance = await recompute(gameDate, batches);
    await replacePerformance(client, gameDate, performance, rows[0]!.now);
  }
}
