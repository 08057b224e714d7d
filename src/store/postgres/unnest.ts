/**
 * Multi-row INSERT through `unnest` of one array per column: one round trip and a fixed number
 * of parameters per chunk of rows, whatever the chunk size.
 */
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';

/** A column to insert and its PostgreSQL element type (`text`, `date`, `float8`, ...). */
export interface UnnestColumn {
  name: string;
  type: string;
}

/** Rows per INSERT statement. */
export const INSERT_CHUNK_ROWS = 5_000;

/** Split `items` into arrays of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * `INSERT INTO table (cols) SELECT * FROM unnest(...) <tail>` for `rows` (one value per column,
 * in column order). `tail` carries ON CONFLICT / RETURNING.
 */
export function insertViaUnnest<R extends QueryResultRow>(
  client: PoolClient,
  table: string,
  cols: readonly UnnestColumn[],
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<QueryResult<R>> {
  const arrays = cols.map((_, i) => rows.map((row) => row[i] ?? null));
  const names = cols.map((c) => c.name).join(', ');
  const casts = cols.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${casts}) AS u(${names}) ${tail}`;
  return client.query<R>(sql, arrays);
}
