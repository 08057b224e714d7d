/** Read-only queries: streams, duplicates, performance, digests. */
import type {
  AccuracyRow,
  ActualRow,
  DailyPerformance,
  StoredPrediction,
} from '../../domain/types.js';
import {
  ACCURACY_COLUMNS,
  ACTUAL_COLUMNS,
  type ColumnSpec,
  PERFORMANCE_COLUMNS,
  PREDICTION_COLUMNS,
} from '../columns.js';
import { RowDigest } from '../digest.js';
import type {
  DateRange,
  DuplicateKey,
  DuplicateSummary,
  StoreTable,
  TableDigest,
} from '../store.js';
import type { Db } from './connection.js';
import { decodeRow } from './encode.js';
import { GUARD_DDL, GUARD_INDEX } from './schema.js';

type Raw = Record<string, unknown>;

/** A page of a date's prediction versions after the given rowid (keyset pagination). */
export function predictionPage(db: Db, gameDate: string, afterRowid: number, size: number) {
  const rows = db
    .prepare(
      'SELECT rowid AS _rowid, * FROM predictions WHERE game_date = ? AND rowid > ? ORDER BY rowid LIMIT ?',
    )
    .all(gameDate, afterRowid, size) as Raw[];
  const last = rows.length ? Number(rows[rows.length - 1]!._rowid) : afterRowid;
  return { rows: rows.map((r) => decodeRow<StoredPrediction>(r, PREDICTION_COLUMNS)), last };
}

/** A page of one date's graded rows after the given rowid (the date index keeps it linear). */
export function accuracyPage(
  db: Db,
  gameDate: string,
  systemId: string | undefined,
  after: number,
  size: number,
) {
  const system = systemId === undefined ? '' : 'AND system_id = ?';
  const rows = db
    .prepare(
      `SELECT rowid AS _rowid, * FROM prediction_accuracy
       WHERE game_date = ? AND rowid > ? ${system} ORDER BY rowid LIMIT ?`,
    )
    .all(gameDate, after, ...(systemId === undefined ? [] : [systemId]), size) as Raw[];
  const last = rows.length ? Number(rows[rows.length - 1]!._rowid) : after;
  return { rows: rows.map((r) => decodeRow<AccuracyRow>(r, ACCURACY_COLUMNS)), last };
}

/** Dates of prediction_accuracy in a range (index-only). */
export function accuracyDates(db: Db, range: DateRange): string[] {
  const { where, values } = rangeWhere(range);
  return db
    .prepare(
      `SELECT DISTINCT game_date FROM prediction_accuracy ${where ? `WHERE ${where}` : ''} ORDER BY game_date`,
    )
    .pluck()
    .all(...values) as string[];
}

/** Actual rows of a date. */
export function readActuals(db: Db, gameDate: string): ActualRow[] {
  return (db.prepare('SELECT * FROM actuals WHERE game_date = ?').all(gameDate) as Raw[]).map((r) =>
    decodeRow<ActualRow>(r, ACTUAL_COLUMNS),
  );
}

function rangeWhere(range: DateRange & { systemId?: string }): {
  where: string;
  values: unknown[];
} {
  const parts: [string, unknown][] = [];
  if (range.from) parts.push(['game_date >= ?', range.from]);
  if (range.to) parts.push(['game_date <= ?', range.to]);
  if (range.systemId) parts.push(['system_id = ?', range.systemId]);
  return { where: parts.map((p) => p[0]).join(' AND '), values: parts.map((p) => p[1]) };
}

/**
 * True when the unique guard index exists exactly as the store defines it (an index of that name
 * with another definition proves nothing): then no business key can repeat.
 */
function guardIndexExists(db: Db): boolean {
  const sql = `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`;
  const found = db.prepare(sql).pluck().get(GUARD_INDEX) as string | undefined;
  return found !== undefined && squeeze(found) === squeeze(GUARD_DDL);
}

function squeeze(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

/**
 * NULL-safe duplicate keys in a range; GROUP BY treats NULL lines as equal. With the guard index
 * present there are none (answered from the catalog); else one grouped pass gives the totals
 * (window over the groups) and the top keys.
 */
export function duplicateSummary(db: Db, range: DateRange, top: number): DuplicateSummary {
  if (guardIndexExists(db)) return { duplicateKeys: 0, duplicateRows: 0, top: [] };
  const { where, values } = rangeWhere(range);
  const grouped = `SELECT player_lookup, game_id, system_id, line_value, MIN(game_date) AS game_date,
      COUNT(*) AS n, json_group_array(graded_at) AS graded, json_group_array(run_id) AS runs
    FROM prediction_accuracy ${where ? `WHERE ${where}` : ''}
    GROUP BY player_lookup, game_id, system_id, line_value HAVING COUNT(*) > 1`;
  const rows = db
    .prepare(
      `SELECT g.*, COUNT(*) OVER () AS total_keys, SUM(n - 1) OVER () AS total_extra
       FROM (${grouped}) g
       ORDER BY n DESC, game_date, player_lookup, game_id, system_id LIMIT ?`,
    )
    .all(...values, Math.max(1, top)) as Raw[];
  return {
    duplicateKeys: Number(rows[0]?.total_keys ?? 0),
    duplicateRows: Number(rows[0]?.total_extra ?? 0),
    top: rows.slice(0, Math.max(0, top)).map(toDuplicateKey),
  };
}

function toDuplicateKey(r: Raw): DuplicateKey {
  return {
    playerLookup: String(r.player_lookup),
    gameId: String(r.game_id),
    systemId: String(r.system_id),
    lineValue: r.line_value === null ? null : Number(r.line_value),
    gameDate: String(r.game_date),
    count: Number(r.n),
    gradedAt: JSON.parse(String(r.graded)) as string[],
    runIds: JSON.parse(String(r.runs)) as (string | null)[],
  };
}

/** Performance rows in a range. */
export function readPerformance(
  db: Db,
  range: DateRange & { systemId?: string },
): DailyPerformance[] {
  const { where, values } = rangeWhere(range);
  const sql = `SELECT * FROM system_daily_performance ${where ? `WHERE ${where}` : ''} ORDER BY game_date, system_id`;
  return (db.prepare(sql).all(...values) as Raw[]).map((r) =>
    decodeRow<DailyPerformance>(r, PERFORMANCE_COLUMNS as readonly ColumnSpec[]),
  );
}

/** Row count and content checksum of a table, optionally one date. */
export function tableDigest(db: Db, table: StoreTable, gameDate?: string): TableDigest {
  const digest = new RowDigest();
  const sql = `SELECT * FROM ${table} ${gameDate ? 'WHERE game_date = ?' : ''}`;
  const stmt = db.prepare(sql);
  for (const row of (gameDate ? stmt.iterate(gameDate) : stmt.iterate()) as Iterable<Raw>)
    digest.add(row);
  return digest.result();
}

/** Newest input change per date in a range. */
export function latestInputChanges(db: Db, range: DateRange): Map<string, string> {
  const { where, values } = rangeWhere(range);
  const w = where ? `WHERE ${where}` : '';
  const rows = db
    .prepare(
      `SELECT game_date, MAX(changed) AS changed FROM (
         SELECT game_date, MAX(first_seen_at) AS changed FROM predictions ${w} GROUP BY game_date
         UNION ALL SELECT game_date, MAX(updated_at) FROM actuals ${w} GROUP BY game_date)
       GROUP BY game_date ORDER BY game_date`,
    )
    .all(...values, ...values) as { game_date: string; changed: string }[];
  return new Map(rows.map((r) => [r.game_date, r.changed]));
}
