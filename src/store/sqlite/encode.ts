/** Encoding between camelCase domain rows and SQLite column values (booleans as 0/1). */
import type { ColumnSpec } from '../columns.js';

/** A domain value as SQLite stores it. */
export function encodeValue(value: unknown, kind: ColumnSpec['kind']): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'bool') return value ? 1 : 0;
  if (kind === 'json') return JSON.stringify(value);
  return value;
}

/** A SQLite value as the domain expects it. */
export function decodeValue(value: unknown, kind: ColumnSpec['kind']): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'bool') return value === 1 || value === 1n;
  if (kind === 'json') return JSON.parse(String(value));
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** A column-ordered parameter array for one object. */
export function encodeRow(row: object, specs: readonly ColumnSpec[]): unknown[] {
  const source = row as Record<string, unknown>;
  return specs.map((s) => encodeValue(source[s.field], s.kind));
}

/** A camelCase object from a snake_case row. */
export function decodeRow<T>(row: Record<string, unknown>, specs: readonly ColumnSpec[]): T {
  const out: Record<string, unknown> = {};
  for (const s of specs) out[s.field] = decodeValue(row[s.column], s.kind);
  return out as T;
}

/** `INSERT INTO table (cols) VALUES (?, ...)` for the given specs. */
export function insertSql(table: string, specs: readonly ColumnSpec[], verb = 'INSERT'): string {
  const cols = specs.map((s) => s.column).join(', ');
  return `${verb} INTO ${table} (${cols}) VALUES (${specs.map(() => '?').join(', ')})`;
}
