/**
 * Service history on SQLite: validation results, the ledger aggregated for /metrics, alert
 * counts and per-date duplicate keys for the dashboard. Read-only; durations come from the
 * stored UTC timestamps (julianday differences, millisecond resolution).
 */
import type { IsoDate } from '../../domain/types.js';
import { decodeRunAggregate, type RunMeasure } from '../run-aggregates.js';
import type {
  AlertCount,
  DateDuplicates,
  DateRange,
  RunAggregate,
  ValidationEntry,
  ValidationFilter,
} from '../store.js';
import type { Db } from './connection.js';

type Raw = Record<string, unknown>;

/** Default and maximum number of validation results listed. */
export const VALIDATION_LIMITS = { fallback: 50, max: 1000 } as const;

/** Stored validation results, newest first. */
export function listValidations(db: Db, filter: ValidationFilter = {}): ValidationEntry[] {
  const limit = Math.min(filter.limit ?? VALIDATION_LIMITS.fallback, VALIDATION_LIMITS.max);
  const where = filter.kind ? 'WHERE kind = ?' : '';
  const values = filter.kind ? [filter.kind, limit] : [limit];
  const rows = db
    .prepare(
      `SELECT * FROM validation_results ${where}
       ORDER BY created_at DESC, validation_id DESC LIMIT ?`,
    )
    .all(...values) as Raw[];
  return rows.map(toValidationEntry);
}

function toValidationEntry(r: Raw): ValidationEntry {
  return {
    validationId: String(r.validation_id),
    kind: r.kind as ValidationEntry['kind'],
    runId: (r.run_id as string | null) ?? null,
    from: String(r.date_from),
    to: String(r.date_to),
    status: r.status as ValidationEntry['status'],
    result: JSON.parse(String(r.result)) as unknown,
    createdAt: String(r.created_at),
  };
}

const MS = (end: string, start: string) => `(julianday(${end}) - julianday(${start})) * 86400000.0`;

/** The three measured quantities of a run, as SQL over grading_runs. */
const MEASURES = {
  duration: MS('finished_at', 'started_at'),
  lock_wait: 'CAST(lock_wait_ms AS REAL)',
  hold: MS(
    'finished_at',
    `COALESCE(lock_acquired_at, CASE WHEN lock_mode = 'none' THEN started_at END)`,
  ),
} as const satisfies Record<RunMeasure, string>;
type Measure = RunMeasure;

function histogramColumns(measure: Measure, bounds: readonly number[]): string {
  const cols = [`COUNT(${measure}) AS ${measure}_count`, `TOTAL(${measure}) AS ${measure}_sum`];
  const buckets = bounds.map(
    (b, i) => `SUM(CASE WHEN ${measure} <= ${b} THEN 1 ELSE 0 END) AS ${measure}_b${i}`,
  );
  return [...cols, ...buckets].join(', ');
}

function checkBounds(bounds: readonly number[]): void {
  if (!bounds.every((b) => Number.isFinite(b) && b >= 0))
    throw new RangeError(`histogram bounds must be finite and non-negative: ${bounds.join(', ')}`);
}

/** The ledger grouped by (trigger, status) with histograms over `bounds` (milliseconds). */
export function runAggregates(db: Db, bounds: readonly number[]): RunAggregate[] {
  checkBounds(bounds);
  const measures = Object.keys(MEASURES) as Measure[];
  const sql = `WITH r AS (
      SELECT trigger, status, rows_written, duplicate_keys,
        ${measures.map((m) => `${MEASURES[m]} AS ${m}`).join(', ')}
      FROM grading_runs)
    SELECT trigger, status, COUNT(*) AS runs, TOTAL(rows_written) AS rows_written,
      TOTAL(duplicate_keys) AS duplicate_keys,
      ${measures.map((m) => histogramColumns(m, bounds)).join(',\n      ')}
    FROM r GROUP BY trigger, status ORDER BY trigger, status`;
  return (db.prepare(sql).all() as Raw[]).map((r) => decodeRunAggregate(r, bounds.length));
}

/** Stored alerts counted by (event, outcome). */
export function alertCounts(db: Db): AlertCount[] {
  const rows = db
    .prepare(
      'SELECT event, outcome, COUNT(*) AS n FROM alerts GROUP BY event, outcome ORDER BY event, outcome',
    )
    .all() as Raw[];
  return rows.map((r) => ({
    event: String(r.event),
    outcome: String(r.outcome),
    alerts: Number(r.n),
  }));
}

/** Per graded date: rows, NULL-safe unique keys (GROUP BY puts NULL lines together), duplicates. */
export function duplicatesByDate(db: Db, range: DateRange): DateDuplicates[] {
  const parts: [string, IsoDate][] = [];
  if (range.from) parts.push(['game_date >= ?', range.from]);
  if (range.to) parts.push(['game_date <= ?', range.to]);
  const where = parts.length ? `WHERE ${parts.map((p) => p[0]).join(' AND ')}` : '';
  const rows = db
    .prepare(
      `SELECT game_date, SUM(n) AS row_count, COUNT(*) AS unique_keys,
         SUM(CASE WHEN n > 1 THEN 1 ELSE 0 END) AS duplicate_keys
       FROM (SELECT game_date, COUNT(*) AS n FROM prediction_accuracy ${where}
             GROUP BY game_date, player_lookup, game_id, system_id, line_value)
       GROUP BY game_date ORDER BY game_date`,
    )
    .all(...parts.map((p) => p[1])) as Raw[];
  return rows.map((r) => ({
    gameDate: String(r.game_date),
    rows: Number(r.row_count),
    uniqueKeys: Number(r.unique_keys),
    duplicateKeys: Number(r.duplicate_keys),
    duplicateRows: Number(r.row_count) - Number(r.unique_keys),
  }));
}
