/**
 * Mapping of PostgreSQL rows to the domain's camelCase shapes, driven by the column specs both
 * stores share. With this store's type parsers, values already have their domain form (dates
 * and timestamps as ISO text, booleans, numbers); only JSON text columns are parsed.
 */
import type { QueryResultRow } from 'pg';
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
  RUN_COLUMNS,
} from '../columns.js';
import type { RunRecord } from '../store.js';

/** A camelCase object from a snake_case row. */
export function decodeRow<T>(row: QueryResultRow, specs: readonly ColumnSpec[]): T {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const value: unknown = row[spec.column] ?? null;
    out[spec.field] = spec.kind === 'json' && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return out as T;
}

/** `a, b, c` of a column spec list, optionally qualified by a table alias. */
export function columnList(specs: readonly ColumnSpec[], alias?: string): string {
  return specs.map((s) => (alias ? `${alias}.${s.column}` : s.column)).join(', ');
}

/** A stored prediction version. */
export const toStoredPrediction = (r: QueryResultRow): StoredPrediction =>
  decodeRow<StoredPrediction>(r, PREDICTION_COLUMNS);

/** An actual row. */
export const toActualRow = (r: QueryResultRow): ActualRow =>
  decodeRow<ActualRow>(r, ACTUAL_COLUMNS);

/** A stored graded row. */
export const toAccuracyRow = (r: QueryResultRow): AccuracyRow =>
  decodeRow<AccuracyRow>(r, ACCURACY_COLUMNS);

/** A daily performance row. */
export const toDailyPerformance = (r: QueryResultRow): DailyPerformance =>
  decodeRow<DailyPerformance>(r, PERFORMANCE_COLUMNS);

/** A run record. */
export const toRunRecord = (r: QueryResultRow): RunRecord => decodeRow<RunRecord>(r, RUN_COLUMNS);
