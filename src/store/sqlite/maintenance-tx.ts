/**
 * Pieces shared by the SQLite maintenance writes (import, dedupe, restore): fence claims of
 * several dates, NULL-safe key counts, the unique guard, and the recompute of a date's
 * performance from its rows, all inside the caller's BEGIN IMMEDIATE transaction.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { IsoDate } from '../../domain/types.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import {
  type DateFenceClaim,
  type KeyCounts,
  type MaintenanceEntry,
  PERFORMANCE_FIELDS,
  type PerformanceRecompute,
  type PerformanceRow,
} from '../store.js';
import type { Db } from './connection.js';
import { decodeValue } from './encode.js';
import { claimFence } from './fences.js';
import { appendMaintenance, readGuardState, writeGuardState } from './metadata.js';
import { writePerformance } from './replace-partition.js';
import { GUARD_DDL, GUARD_INDEX } from './schema.js';

/** Rows per page when a transaction reads rows back. */
export const PAGE_ROWS = 10_000;

/** Thrown inside a transaction to roll it back and hand `result` to the caller. */
export class RollbackWith<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back on purpose');
  }
}

/** Claim every date's fence in date order; returns the tokens written with. */
export function claimDates(db: Db, claims: readonly DateFenceClaim[]): Map<IsoDate, number> {
  const sorted = [...claims].sort((a, b) => (a.gameDate < b.gameDate ? -1 : 1));
  return new Map(
    sorted.map((c) => [c.gameDate, claimFence(db, 'prediction_accuracy', c.gameDate, c.claim)]),
  );
}

/** The dates of a list of claims, sorted. */
export function datesOf(claims: readonly DateFenceClaim[]): IsoDate[] {
  return claims.map((c) => c.gameDate).sort();
}

/** `(?, ?, …)` for a list of values. */
export function placeholders(values: readonly unknown[]): string {
  return `(${values.map(() => '?').join(', ')})`;
}

/** Rows and NULL-safe distinct keys matching a WHERE clause (GROUP BY treats NULL lines as equal). */
export function keyCountsWhere(db: Db, table: string, where: string, params: unknown[]): KeyCounts {
  const w = where ? `WHERE ${where}` : '';
  const rows = db
    .prepare(`SELECT COUNT(*) FROM ${table} ${w}`)
    .pluck()
    .get(...params);
  const keys = db
    .prepare(
      `SELECT COUNT(*) FROM (SELECT 1 FROM ${table} ${w}
         GROUP BY player_lookup, game_id, system_id, line_value)`,
    )
    .pluck()
    .get(...params);
  return { rows: Number(rows), uniqueKeys: Number(keys) };
}

/** Rows and unique keys of some dates of prediction_accuracy. */
export function keyCountsOfDates(db: Db, dates: readonly IsoDate[]): KeyCounts {
  if (dates.length === 0) return { rows: 0, uniqueKeys: 0 };
  return keyCountsWhere(db, 'prediction_accuracy', `game_date IN ${placeholders(dates)}`, [
    ...dates,
  ]);
}

/** True when some business key of the table has more than one row. */
export function tableRepeatsKeys(db: Db, table: string): boolean {
  const hit = db
    .prepare(
      `SELECT 1 FROM ${table} GROUP BY player_lookup, game_id, system_id, line_value
       HAVING COUNT(*) > 1 LIMIT 1`,
    )
    .get();
  return hit !== undefined;
}

/** Whether the guard is recorded as installed. */
export function guardInstalled(db: Db): boolean {
  return readGuardState(db).installed;
}

/** Install or drop the guard index, record its state and log the change. */
export function setGuard(db: Db, installed: boolean, reason: string, operationId: string): void {
  db.exec(installed ? GUARD_DDL : `DROP INDEX IF EXISTS ${GUARD_INDEX}`);
  writeGuardState(db, installed, reason);
  appendMaintenance(db, installed ? 'guard_installed' : 'guard_dropped', { reason, operationId });
}

/** Append a maintenance entry with extra counts. */
export function logEntry(db: Db, entry: MaintenanceEntry, extra: Record<string, unknown>): void {
  appendMaintenance(db, entry.action, { ...entry.details, ...extra });
}

const PERFORMANCE_COLUMNS = ACCURACY_COLUMNS.filter((c) =>
  (PERFORMANCE_FIELDS as readonly string[]).includes(c.field),
);
const PERFORMANCE_LIST = PERFORMANCE_COLUMNS.map((c) => c.column).join(', ');

/** A row of the performance columns (after the rowid), as arrays come back from `raw()`. */
function decodePerformance(r: unknown[]): PerformanceRow {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < PERFORMANCE_COLUMNS.length; i++) {
    const spec = PERFORMANCE_COLUMNS[i]!;
    out[spec.field] = decodeValue(r[i + 1], spec.kind);
  }
  return out as PerformanceRow;
}

/** A date's rows as a recompute reads them: the performance columns only, in rowid pages. */
async function* datePages(db: Db, gameDate: IsoDate): AsyncGenerator<PerformanceRow[]> {
  const page = db
    .prepare(
      `SELECT rowid, ${PERFORMANCE_LIST} FROM prediction_accuracy
       WHERE game_date = ? AND rowid > ? ORDER BY rowid LIMIT ?`,
    )
    .raw();
  for (let after = 0; ; ) {
    const rows = page.all(gameDate, after, PAGE_ROWS) as unknown[][];
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]![0]);
    yield rows.map(decodePerformance);
    await yieldLoop();
  }
}

/** Recompute and replace the performance rows of each date from its rows. */
export async function recomputeDates(
  db: Db,
  dates: readonly IsoDate[],
  recompute: PerformanceRecompute,
): Promise<void> {
  const computedAt = new Date().toISOString();
  for (const gameDate of dates) {
    const performance = await recompute(gameDate, datePages(db, gameDate));
    writePerformance(db, gameDate, performance, computedAt);
  }
}
