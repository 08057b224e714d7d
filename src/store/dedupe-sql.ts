/**
 * The keep order of `dedupe` as SQL, shared by both stores so that they keep the same rows as the
 * domain's `compareKeepOrder` (graded_at, then run_id, then prediction_id, NULL first, then the
 * row's figures, then storage order). One window over the fenced dates ranks each key's rows;
 * the rows after the first are the ones to delete.
 *
 * SQL cannot decide every key the way TypeScript does: the figures tie-break compares the
 * figures as JavaScript text, and text order is UTF-16 code units in TypeScript but bytes in
 * SQL. Such keys are flagged — a row tied with the key's first on (graded_at, run_id,
 * prediction_id) whose figures differ, a non-ASCII run or prediction id, a graded_at whose text
 * order may not be its instant's — and handed to the domain chooser instead. Only ties with a key's first row can
 * change which row is kept. In the incident's data no key is flagged.
 */
import type { KeepMode } from '../domain/report.js';
import type { IsoDate } from '../domain/types.js';
import type { DedupePlan } from './store.js';

/** The NULL-safe business key (window partitions and GROUP BY treat NULL lines as equal). */
export const KEY_COLUMNS = ['player_lookup', 'game_id', 'system_id', 'line_value'] as const;

const TIE_COLUMNS = ['graded_at', 'run_id', 'prediction_id'] as const;

/** The columns of the domain's figures text (report.ts `figuresText`). */
const FIGURE_COLUMNS = [
  'is_voided',
  'prediction_correct',
  'recommendation',
  'actual_points',
  'absolute_error',
  'signed_error',
  'within_3_points',
  'within_5_points',
  'profit_units',
] as const;

/** What differs between the SQLite and PostgreSQL spelling of the ranking. */
export interface DedupeDialect {
  /** A row's physical reference: rowid, ctid. */
  rowRef: string;
  /** A text column as ordered and partitioned by code point (COLLATE "C" on PostgreSQL). */
  text(column: string): string;
  /** NULL-safe equality of two expressions. */
  same(a: string, b: string): string;
  /** True when a text holds a non-ASCII character; false for NULL. */
  nonAscii(expr: string): string;
  /** True when a graded_at value may sort differently from its instant. */
  oddTimestamp(expr: string): string;
}

/** The window's partition and order under a keep mode (ties: storage order). */
function windowClause(keep: KeepMode, d: DedupeDialect): string {
  const dir = keep === 'earliest' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST';
  const key = KEY_COLUMNS.map((c) => (c === 'line_value' ? c : d.text(c))).join(', ');
  const order = TIE_COLUMNS.map((c) => `${c === 'graded_at' ? c : d.text(c)} ${dir}`).join(', ');
  return `WINDOW w AS (PARTITION BY ${key} ORDER BY ${order}, ${d.rowRef})`;
}

/**
 * Every row but the first of each key among the rows matching `where`: `rid` (its reference) and
 * `first` (the reference of its key's first row, which names the key).
 */
export function doomedRowsSql(keep: KeepMode, d: DedupeDialect, where: string): string {
  return `SELECT rid, first FROM (
    SELECT ${d.rowRef} AS rid, row_number() OVER w AS rn, first_value(${d.rowRef}) OVER w AS first
    FROM prediction_accuracy WHERE ${where}
    ${windowClause(keep, d)}) ranked
  WHERE rn > 1`;
}

/**
 * The keys (named by their first row) of a table of doomed rows `doomed (rid, first)` that the
 * domain chooser must decide: a doomed row tied with its key's first row on (graded_at, run_id,
 * prediction_id) whose figures differ, or a non-ASCII id or odd graded_at on either row.
 */
export function flaggedKeysSql(d: DedupeDialect, doomed: string): string {
  const same = (c: string) => d.same(`o.${c}`, `f.${c}`);
  const tied = TIE_COLUMNS.map(same).join(' AND ');
  const figuresEqual = FIGURE_COLUMNS.map(same).join(' AND ');
  const odd = ['o', 'f'].flatMap((t) => [
    d.nonAscii(`${t}.run_id`),
    d.nonAscii(`${t}.prediction_id`),
    d.oddTimestamp(`${t}.graded_at`),
  ]);
  return `SELECT DISTINCT x.first FROM ${doomed} x
    JOIN prediction_accuracy o ON o.${d.rowRef} = x.rid
    JOIN prediction_accuracy f ON f.${d.rowRef} = x.first
    WHERE (${tied} AND NOT (${figuresEqual})) OR ${odd.join(' OR ')}`;
}

/**
 * The plan of a range in one GROUP BY: per (first date, last date) of the keys, the keys, their
 * rows and whether some key has more than one row. Exact unless a duplicated key spans more than
 * two dates (then `datePlanSql`, which lists every date of such keys).
 */
export function keySpanSql(d: DedupeDialect, where: string): string {
  const key = KEY_COLUMNS.map((c) => (c === 'line_value' ? c : d.text(c))).join(', ');
  return `SELECT d0, d1, COUNT(*) AS n_keys, SUM(n) AS n_rows,
      MAX(CASE WHEN n > 1 THEN 1 ELSE 0 END) AS dup
    FROM (SELECT COUNT(*) AS n, MIN(game_date) AS d0, MAX(game_date) AS d1
      FROM prediction_accuracy ${where ? `WHERE ${where}` : ''} GROUP BY ${key}) spans
    GROUP BY d0, d1`;
}

/**
 * Per date of the rows matching `where`: its rows, the keys counted on it (each key once, on one
 * of its dates) and whether it holds a row of a key with more than one row.
 */
export function datePlanSql(d: DedupeDialect, where: string): string {
  const key = KEY_COLUMNS.map((c) => (c === 'line_value' ? c : d.text(c))).join(', ');
  return `SELECT game_date, COUNT(*) AS n_rows,
      SUM(CASE WHEN rn = 1 THEN 1 ELSE 0 END) AS n_keys,
      MAX(CASE WHEN n > 1 THEN 1 ELSE 0 END) AS dup
    FROM (SELECT game_date, row_number() OVER k AS rn, COUNT(*) OVER k AS n
      FROM prediction_accuracy ${where ? `WHERE ${where}` : ''}
      WINDOW k AS (PARTITION BY ${key})) keyed
    GROUP BY game_date ORDER BY game_date`;
}

/** A row of `keySpanSql` (counts may come back as text). */
export interface KeySpan {
  d0: IsoDate;
  d1: IsoDate;
  n_keys: number | string;
  n_rows: number | string;
  dup: number | string;
}

/** The plan from the key spans; null when a duplicated key spans dates (ask `datePlanSql`). */
export function planFromSpans(spans: readonly KeySpan[]): DedupePlan | null {
  const dup = spans.filter((s) => Number(s.dup) === 1);
  if (dup.some((s) => s.d0 !== s.d1)) return null;
  return {
    counts: {
      rows: spans.reduce((n, s) => n + Number(s.n_rows), 0),
      uniqueKeys: spans.reduce((n, s) => n + Number(s.n_keys), 0),
    },
    dates: [...new Set(dup.map((s) => s.d0))].sort(),
  };
}

/** A row of `datePlanSql`. */
export interface DatePlanRow {
  game_date: IsoDate;
  n_rows: number | string;
  n_keys: number | string;
  dup: number | string;
}

/** The plan from per-date rows. */
export function planFromDates(perDate: readonly DatePlanRow[]): DedupePlan {
  return {
    counts: {
      rows: perDate.reduce((n, d) => n + Number(d.n_rows), 0),
      uniqueKeys: perDate.reduce((n, d) => n + Number(d.n_keys), 0),
    },
    dates: perDate.filter((d) => Number(d.dup) === 1).map((d) => d.game_date),
  };
}
