/**
 * NULL-safe duplicate keys of prediction_accuracy. GROUP BY treats NULL lines as equal (the
 * `IS NOT DISTINCT FROM` semantics the business key needs), unlike COUNT(DISTINCT CONCAT(...)).
 * Read-only: with the guard index present (none can repeat) the catalog answers; else one
 * counting pass, and the JSON lists only for the top keys.
 */
import type { IsoDate, IsoTimestamp } from '../../domain/types.js';
import type { DateRange, DuplicateKey, DuplicateSummary } from '../store.js';
import type { PgContext } from './pool.js';
import { GUARD_INDEX } from './schema.js';
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

/** Keys repeated in the range, counted only (no JSON yet): the cheap pass over every group. */
function repeatedKeysSql(where: string): string {
  return `SELECT player_lookup, game_id, system_id, line_value, min(game_date) AS game_date,
      count(*) AS n
    FROM prediction_accuracy ${where}
    GROUP BY player_lookup, game_id, system_id, line_value
    HAVING count(*) > 1`;
}

/**
 * The top repeated keys with the totals over all of them; their graded_at and run_id lists are
 * aggregated for those few keys only (joined back NULL-safe on the line, within the range).
 */
function summarySql(where: string, limit: number): string {
  const rowsWhere = where ? `${where} AND` : 'WHERE';
  return `WITH k AS (${repeatedKeysSql(where)}),
    t AS (SELECT k.*, count(*) OVER () AS total_keys, sum(n - 1) OVER () AS total_surplus
      FROM k
      ORDER BY n DESC, game_date, game_id COLLATE "C", player_lookup COLLATE "C",
        system_id COLLATE "C", line_value NULLS FIRST
      LIMIT ${limit})
    SELECT t.*,
      (SELECT json_agg(${isoText('p.graded_at')} ORDER BY p.graded_at, p.run_id COLLATE "C")
         FROM prediction_accuracy p ${rowsWhere} ${KEY_MATCH}) AS graded,
      (SELECT json_agg(p.run_id ORDER BY p.graded_at, p.run_id COLLATE "C")
         FROM prediction_accuracy p ${rowsWhere} ${KEY_MATCH}) AS runs
    FROM t
    ORDER BY n DESC, game_date, game_id COLLATE "C", player_lookup COLLATE "C",
      system_id COLLATE "C", line_value NULLS FIRST`;
}

const KEY_MATCH = `p.player_lookup = t.player_lookup AND p.game_id = t.game_id
  AND p.system_id = t.system_id AND p.line_value IS NOT DISTINCT FROM t.line_value`;

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
    const guard = await client.query<{ present: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_index
         WHERE indexrelid = to_regclass($1) AND indisunique AND indisvalid AND indnullsnotdistinct)
         AS present`,
      [GUARD_INDEX],
    );
    if (guard.rows[0]?.present) return { duplicateKeys: 0, duplicateRows: 0, top: [] };
    const params: unknown[] = [];
    const where = whereClause(dateRangeWhere(range, params));
    const limit = Math.max(0, Math.floor(top));
    const { rows } = await client.query<TopRow & { total_keys: number; total_surplus: number }>(
      summarySql(where, Math.max(1, limit)),
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
