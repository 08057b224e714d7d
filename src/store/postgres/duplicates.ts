/**
 * NULL-safe duplicate keys of prediction_accuracy. GROUP BY treats NULL lines as equal (the
 * `IS NOT DISTINCT FROM` semantics the business key needs), unlike COUNT(DISTINCT CONCAT(...)).
 */
import type { IsoDate, IsoTimestamp } from '../../domain/types.js';
import type { DateRange, DuplicateKey, DuplicateSummary } from '../store.js';
import type { PgContext } from './pool.js';
import { dateRangeWhere, isoText, whereClause } from './sql.js';

/** Default number of keys listed. */
export const DEFAULT_TOP_KEYS = 20;

interface TopRow {
  player_lookup: string;
  game_id: string;
  system_id: string;
  line_value: number | null;
  game_date: IsoDate;
  n: number;
  graded: IsoTimestamp[];
  runs: (string | null)[];
}

function duplicateKeysSql(where: string): string {
  return `SELECT player_lookup, game_id, system_id, line_value, min(game_date) AS game_date,
      count(*) AS n,
      json_agg(${isoText('graded_at')} ORDER BY graded_at, run_id COLLATE "C") AS graded,
      json_agg(run_id ORDER BY graded_at, run_id COLLATE "C") AS runs
    FROM prediction_accuracy ${where}
    GROUP BY player_lookup, game_id, system_id, line_value
    HAVING count(*) > 1`;
}

function toDuplicateKey(r: TopRow): DuplicateKey {
  return {
    playerLookup: r.player_lookup,
    gameId: r.game_id,
    systemId: r.system_id,
    lineValue: r.line_value,
    gameDate: r.game_date,
    count: r.n,
    gradedAt: r.graded,
    runIds: r.runs,
  };
}

/** Keys with more than one row in a range, the surplus rows, and the top keys by count. */
export function duplicateSummary(
  ctx: PgContext,
  range: DateRange,
  top = DEFAULT_TOP_KEYS,
): Promise<DuplicateSummary> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const keys = duplicateKeysSql(whereClause(dateRangeWhere(range, params)));
    const limit = Math.max(0, Math.floor(top));
    const { rows } = await client.query<TopRow & { total_keys: number; total_surplus: number }>(
      `WITH k AS (${keys})
       SELECT k.*, count(*) OVER () AS total_keys, sum(n - 1) OVER () AS total_surplus
       FROM k
       ORDER BY n DESC, game_date, game_id COLLATE "C", player_lookup COLLATE "C",
         system_id COLLATE "C", line_value NULLS FIRST
       LIMIT ${Math.max(1, limit)}`,
      params,
    );
    const first = rows[0];
    return {
      duplicateKeys: first?.total_keys ?? 0,
      duplicateRows: first?.total_surplus ?? 0,
      top: rows.slice(0, limit).map(toDuplicateKey),
    };
  });
}
