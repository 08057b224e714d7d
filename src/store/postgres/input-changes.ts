/**
 * latestInputChanges: per date with inputs in a range, the newest first_seen_at of its
 * predictions or updated_at of its actuals (validate compares it with the last grading).
 */
import type { IsoDate, IsoTimestamp } from '../../domain/types.js';
import type { DateRange } from '../store.js';
import type { PgContext } from './pool.js';
import { dateRangeWhere, whereClause } from './sql.js';

/** Newest input change per date in a range, by date. */
export function latestInputChanges(
  ctx: PgContext,
  range: DateRange,
): Promise<Map<IsoDate, IsoTimestamp>> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const where = whereClause(dateRangeWhere(range, params));
    const { rows } = await client.query<{ game_date: IsoDate; changed: IsoTimestamp }>(
      `SELECT game_date, max(changed) AS changed FROM (
         SELECT game_date, max(first_seen_at) AS changed FROM predictions ${where} GROUP BY game_date
         UNION ALL
         SELECT game_date, max(updated_at) AS changed FROM actuals ${where} GROUP BY game_date) AS c
       GROUP BY game_date ORDER BY game_date`,
      params,
    );
    return new Map(rows.map((r) => [r.game_date, r.changed]));
  });
}
