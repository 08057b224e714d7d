/** Reads for the daily check (validate): per-game facts, graded row counts, active duplicates. */
import type { IsoDate } from '../../domain/types.js';
import type { ActiveDuplicateSummary, DateRange, GameFacts } from '../store.js';
import type { PgContext } from './pool.js';
import { dateRangeWhere, whereClause } from './sql.js';

/** Per (date, game): active predictions, actual rows and postponed actual rows. */
export function gameFacts(ctx: PgContext, range: DateRange): Promise<GameFacts[]> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const clauses = dateRangeWhere(range, params);
    const where = whereClause(clauses);
    const active = whereClause(['is_active', ...clauses]);
    const { rows } = await client.query<{
      game_date: IsoDate;
      game_id: string;
      active: number;
      actual: number;
      postponed: number;
    }>(
      `SELECT game_date, game_id, sum(active)::int AS active, sum(actual)::int AS actual,
         sum(postponed)::int AS postponed
       FROM (
         SELECT game_date, game_id, count(*) AS active, 0 AS actual, 0 AS postponed
           FROM predictions ${active} GROUP BY game_date, game_id
         UNION ALL
         SELECT game_date, game_id, 0, count(*), count(*) FILTER (WHERE game_status = 'postponed')
           FROM actuals ${where} GROUP BY game_date, game_id) AS f
       GROUP BY game_date, game_id ORDER BY game_date, game_id COLLATE "C"`,
      params,
    );
    return rows.map((r) => ({
      gameDate: r.game_date,
      gameId: r.game_id,
      activePredictions: r.active,
      actualRows: r.actual,
      postponedRows: r.postponed,
    }));
  });
}

/** Graded rows per date. */
export function gradedRowCounts(ctx: PgContext, range: DateRange): Promise<Map<IsoDate, number>> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const where = whereClause(dateRangeWhere(range, params));
    const { rows } = await client.query<{ game_date: IsoDate; n: number }>(
      `SELECT game_date, count(*)::int AS n FROM prediction_accuracy ${where} GROUP BY game_date`,
      params,
    );
    return new Map(rows.map((r) => [r.game_date, r.n]));
  });
}

/** The newest dates before `before` with predictions. */
export function predictionDatesBefore(
  ctx: PgContext,
  before: IsoDate,
  limit: number,
): Promise<IsoDate[]> {
  return ctx.withClient(async (client) => {
    const { rows } = await client.query<{ game_date: IsoDate }>(
      `SELECT DISTINCT game_date FROM predictions WHERE game_date < $1::date
       ORDER BY game_date DESC LIMIT $2`,
      [before, Math.max(0, Math.floor(limit))],
    );
    return rows.map((r) => r.game_date);
  });
}

/** Triples with more than one active version, the most repeated first. */
export function activeDuplicates(
  ctx: PgContext,
  range: DateRange,
  top: number,
): Promise<ActiveDuplicateSummary> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const where = whereClause(['is_active', ...dateRangeWhere(range, params)]);
    const { rows } = await client.query<{
      game_date: IsoDate;
      game_id: string;
      player_lookup: string;
      system_id: string;
      n: number;
      ids: string[];
      total: number;
    }>(
      `WITH t AS (
         SELECT game_date, game_id, player_lookup, system_id, count(*)::int AS n,
           array_agg(prediction_id) AS ids
         FROM predictions ${where}
         GROUP BY game_date, game_id, player_lookup, system_id HAVING count(*) > 1)
       SELECT t.*, count(*) OVER ()::int AS total FROM t
       ORDER BY n DESC, game_date, game_id COLLATE "C", player_lookup COLLATE "C",
         system_id COLLATE "C"
       LIMIT ${Math.max(1, Math.floor(top))}`,
      params,
    );
    return {
      triples: rows[0]?.total ?? 0,
      top: rows.slice(0, Math.max(0, Math.floor(top))).map((r) => ({
        gameDate: r.game_date,
        gameId: r.game_id,
        playerLookup: r.player_lookup,
        systemId: r.system_id,
        count: r.n,
        predictionIds: [...r.ids].sort(),
      })),
    };
  });
}
