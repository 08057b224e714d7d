/** Small SQL fragments shared by the PostgreSQL store's operations. */

/** The store's clock at millisecond precision (every stored timestamp is taken from it). */
export const STORE_CLOCK = `date_trunc('milliseconds', clock_timestamp())`;

/** A timestamptz expression as `YYYY-MM-DDTHH:MM:SS.sssZ` text (for JSON aggregates). */
export function isoText(expr: string): string {
  return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Double-quote an identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `$from`/`$to` filters on game_date for an optional range; `params` is appended to. */
export function dateRangeWhere(
  range: { from?: string; to?: string },
  params: unknown[],
  column = 'game_date',
): string[] {
  const clauses: string[] = [];
  if (range.from !== undefined) {
    params.push(range.from);
    clauses.push(`${column} >= $${params.length}::date`);
  }
  if (range.to !== undefined) {
    params.push(range.to);
    clauses.push(`${column} <= $${params.length}::date`);
  }
  return clauses;
}

/** `WHERE a AND b` or '' when there are no clauses. */
export function whereClause(clauses: readonly string[]): string {
  return clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
}
