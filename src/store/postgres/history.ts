/**
 * Service history on PostgreSQL: validation results, the ledger aggregated for /metrics, alert
 * counts and per-date duplicate keys for the dashboard. Read-only; durations are computed on the
 * server from the stored timestamptz values.
 */
import type { IsoDate, IsoTimestamp } from '../../domain/types.js';
import { decodeRunAggregate, type RunMeasure } from '../run-aggregates.js';
import type {
  AlertCount,
  DateDuplicates,
  DateRange,
  RunAggregate,
  ValidationEntry,
  ValidationFilter,
} from '../store.js';
import type { PgContext } from './pool.js';
import { dateRangeWhere, whereClause } from './sql.js';

type Raw = Record<string, unknown>;

/** Default and maximum number of validation results listed. */
export const VALIDATION_LIMITS = { fallback: 50, max: 1000 } as const;

/** Stored validation results, newest first. */
export function listValidations(
  ctx: PgContext,
  filter: ValidationFilter = {},
): Promise<ValidationEntry[]> {
  const limit = Math.min(filter.limit ?? VALIDATION_LIMITS.fallback, VALIDATION_LIMITS.max);
  const params: unknown[] = [limit];
  const where = filter.kind ? 'WHERE kind = $2' : '';
  if (filter.kind) params.push(filter.kind);
  return ctx.withClient(async (client) => {
    const { rows } = await client.query<Raw>(
      `SELECT * FROM validation_results ${where}
       ORDER BY created_at DESC, validation_id COLLATE "C" DESC LIMIT $1`,
      params,
    );
    return rows.map(toValidationEntry);
  });
}

function toValidationEntry(r: Raw): ValidationEntry {
  return {
    validationId: String(r.validation_id),
    kind: r.kind as ValidationEntry['kind'],
    runId: (r.run_id as string | null) ?? null,
    from: r.date_from as IsoDate,
    to: r.date_to as IsoDate,
    status: r.status as ValidationEntry['status'],
    result: JSON.parse(String(r.result)) as unknown,
    createdAt: r.created_at as IsoTimestamp,
  };
}

const MS = (end: string, start: string) => `EXTRACT(EPOCH FROM (${end} - ${start})) * 1000.0`;

/** The three measured quantities of a run, as SQL over grading_runs. */
const MEASURES = {
  duration: MS('finished_at', 'started_at'),
  lock_wait: 'lock_wait_ms::double precision',
  hold: MS(
    'finished_at',
    `COALESCE(lock_acquired_at, CASE WHEN lock_mode = 'none' THEN started_at END)`,
  ),
} as const satisfies Record<RunMeasure, string>;
type Measure = RunMeasure;

function histogramColumns(measure: Measure, bounds: readonly number[]): string {
  const cols = [
    `count(${measure}) AS ${measure}_count`,
    `coalesce(sum(${measure}), 0)::double precision AS ${measure}_sum`,
  ];
  const buckets = bounds.map(
    (b, i) => `count(*) FILTER (WHERE ${measure} <= ${b}) AS ${measure}_b${i}`,
  );
  return [...cols, ...buckets].join(', ');
}

function checkBounds(bounds: readonly number[]): void {
  if (!bounds.every((b) => Number.isFinite(b) && b >= 0))
    throw new RangeError(`histogram bounds must be finite and non-negative: ${bounds.join(', ')}`);
}

/** The ledger grouped by (trigger, status) with histograms over `bounds` (milliseconds). */
export function runAggregates(ctx: PgContext, bounds: readonly number[]): Promise<RunAggregate[]> {
  checkBounds(bounds);
  const measures = Object.keys(MEASURES) as Measure[];
  const sql = `WITH r AS (
      SELECT trigger, status, rows_written, duplicate_keys,
        ${measures.map((m) => `${MEASURES[m]} AS ${m}`).join(', ')}
      FROM grading_runs)
    SELECT trigger, status, count(*) AS runs,
      coalesce(sum(rows_written), 0) AS rows_written,
      coalesce(sum(duplicate_keys), 0) AS duplicate_keys,
      ${measures.map((m) => histogramColumns(m, bounds)).join(',\n      ')}
    FROM r GROUP BY trigger, status ORDER BY trigger COLLATE "C", status COLLATE "C"`;
  return ctx.withClient(async (client) => {
    const { rows } = await client.query<Raw>(sql);
    return rows.map((r) => decodeRunAggregate(r, bounds.length));
  });
}

/** Stored alerts counted by (event, outcome). */
export function alertCounts(ctx: PgContext): Promise<AlertCount[]> {
  return ctx.withClient(async (client) => {
    const { rows } = await client.query<Raw>(
      `SELECT event, outcome, count(*) AS n FROM alerts GROUP BY event, outcome
       ORDER BY event COLLATE "C", outcome COLLATE "C"`,
    );
    return rows.map((r) => ({
      event: String(r.event),
      outcome: String(r.outcome),
      alerts: Number(r.n),
    }));
  });
}

/** Per graded date: rows, NULL-safe unique keys (GROUP BY puts NULL lines together), duplicates. */
export function duplicatesByDate(ctx: PgContext, range: DateRange): Promise<DateDuplicates[]> {
  const params: unknown[] = [];
  const where = whereClause(dateRangeWhere(range, params));
  return ctx.withClient(async (client) => {
    const { rows } = await client.query<Raw>(
      `SELECT game_date, sum(n) AS row_count, count(*) AS unique_keys,
         count(*) FILTER (WHERE n > 1) AS duplicate_keys
       FROM (SELECT game_date, count(*) AS n FROM prediction_accuracy ${where}
             GROUP BY game_date, player_lookup, game_id, system_id, line_value) keys
       GROUP BY game_date ORDER BY game_date`,
      params,
    );
    return rows.map((r) => ({
      gameDate: r.game_date as IsoDate,
      rows: Number(r.row_count),
      uniqueKeys: Number(r.unique_keys),
      duplicateKeys: Number(r.duplicate_keys),
      duplicateRows: Number(r.row_count) - Number(r.unique_keys),
    }));
  });
}
