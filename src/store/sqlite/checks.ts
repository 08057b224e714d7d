/** Reads for the daily check (validate): per-game facts, graded row counts, active duplicates. */
import type { IsoDate } from '../../domain/types.js';
import type { ActiveDuplicateSummary, DateRange, GameFacts } from '../store.js';
import type { Db } from './connection.js';

type Raw = Record<string, unknown>;

function rangeWhere(range: DateRange, extra: string[] = []): { where: string; values: string[] } {
  const clauses = [...extra];
  const values: string[] = [];
  if (range.from !== undefined) {
    clauses.push('game_date >= ?');
    values.push(range.from);
  }
  if (range.to !== undefined) {
    clauses.push('game_date <= ?');
    values.push(range.to);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

/** Per (date, game): active predictions, actual rows and postponed actual rows. */
export function gameFacts(db: Db, range: DateRange): GameFacts[] {
  const p = rangeWhere(range, ['is_active = 1']);
  const a = rangeWhere(range);
  const rows = db
    .prepare(
      `SELECT game_date, game_id, SUM(active) AS active, SUM(actual) AS actual, SUM(postponed) AS postponed
       FROM (
         SELECT game_date, game_id, COUNT(*) AS active, 0 AS actual, 0 AS postponed
           FROM predictions ${p.where} GROUP BY game_date, game_id
         UNION ALL
         SELECT game_date, game_id, 0, COUNT(*), SUM(game_status = 'postponed')
           FROM actuals ${a.where} GROUP BY game_date, game_id)
       GROUP BY game_date, game_id ORDER BY game_date, game_id`,
    )
    .all(...p.values, ...a.values) as Raw[];
  return rows.map((r) => ({
    gameDate: String(r.game_date),
    gameId: String(r.game_id),
    activePredictions: Number(r.active),
    actualRows: Number(r.actual),
    postponedRows: Number(r.postponed),
  }));
}

/** Graded rows per date. */
export function gradedRowCounts(db: Db, range: DateRange): Map<IsoDate, number> {
  const { where, values } = rangeWhere(range);
  const rows = db
    .prepare(`SELECT game_date, COUNT(*) AS n FROM prediction_accuracy ${where} GROUP BY game_date`)
    .all(...values) as { game_date: string; n: number }[];
  return new Map(rows.map((r) => [r.game_date, Number(r.n)]));
}

/** The newest dates before `before` with predictions. */
export function predictionDatesBefore(db: Db, before: IsoDate, limit: number): IsoDate[] {
  return db
    .prepare(
      'SELECT DISTINCT game_date FROM predictions WHERE game_date < ? ORDER BY game_date DESC LIMIT ?',
    )
    .pluck()
    .all(before, Math.max(0, Math.floor(limit))) as IsoDate[];
}

/** Triples with more than one active version, the most repeated first. */
export function activeDuplicates(db: Db, range: DateRange, top: number): ActiveDuplicateSummary {
  const { where, values } = rangeWhere(range, ['is_active = 1']);
  const grouped = `SELECT game_date, game_id, player_lookup, system_id, COUNT(*) AS n,
      json_group_array(prediction_id) AS ids
    FROM predictions ${where}
    GROUP BY game_date, game_id, player_lookup, system_id HAVING COUNT(*) > 1`;
  const total = db
    .prepare(`SELECT COUNT(*) FROM (${grouped})`)
    .pluck()
    .get(...values);
  const rows = db
    .prepare(`${grouped} ORDER BY n DESC, game_date, game_id, player_lookup, system_id LIMIT ?`)
    .all(...values, Math.max(0, Math.floor(top))) as Raw[];
  return {
    triples: Number(total),
    top: rows.map((r) => ({
      gameDate: String(r.game_date),
      gameId: String(r.game_id),
      playerLookup: String(r.player_lookup),
      systemId: String(r.system_id),
      count: Number(r.n),
      predictionIds: (JSON.parse(String(r.ids)) as string[]).sort(),
    })),
  };
}
