/**
 * system_daily_performance: replaced per date inside the partition write, read by range.
 */
import type { PoolClient } from 'pg';
import type { DailyPerformance, IsoDate, IsoTimestamp } from '../../domain/types.js';
import type { DateRange } from '../store.js';
import type { PgContext } from './pool.js';
import { toDailyPerformance } from './rows.js';
import { dateRangeWhere, whereClause } from './sql.js';
import { insertViaUnnest, type UnnestColumn } from './unnest.js';

const INT = 'int4';
const NUM = 'float8';
const PERFORMANCE_INSERT: readonly UnnestColumn[] = [
  { name: 'game_date', type: 'date' },
  { name: 'system_id', type: 'text' },
  ...['predictions', 'graded', 'correct', 'incorrect', 'pushes', 'voided', 'no_line'].map(
    (name) => ({ name, type: INT }),
  ),
  ...['hit_rate', 'mae', 'bias'].map((name) => ({ name, type: NUM })),
  ...['over_graded', 'over_correct', 'under_graded', 'under_correct'].map((name) => ({
    name,
    type: INT,
  })),
  ...['within_3_rate', 'within_5_rate', 'profit_units', 'roi'].map((name) => ({ name, type: NUM })),
  { name: 'computed_at', type: 'timestamptz' },
];

function performanceValues(p: DailyPerformance, computedAt: IsoTimestamp): unknown[] {
  return [
    p.gameDate,
    p.systemId,
    p.predictions,
    p.graded,
    p.correct,
    p.incorrect,
    p.pushes,
    p.voided,
    p.noLine,
    p.hitRate,
    p.mae,
    p.bias,
    p.overGraded,
    p.overCorrect,
    p.underGraded,
    p.underCorrect,
    p.within3Rate,
    p.within5Rate,
    p.profitUnits,
    p.roi,
    computedAt,
  ];
}

/** Replace the performance rows of one date (inside the caller's transaction). */
export async function replacePerformance(
  client: PoolClient,
  gameDate: IsoDate,
  rows: readonly DailyPerformance[],
  computedAt: IsoTimestamp,
): Promise<void> {
  await client.query('DELETE FROM system_daily_performance WHERE game_date = $1::date', [gameDate]);
  if (rows.length === 0) return;
  const values = rows.map((p) => performanceValues(p, computedAt));
  await insertViaUnnest(client, 'system_daily_performance', PERFORMANCE_INSERT, values);
}

/** Performance rows in a range (optionally one system), by date then system. */
export function readPerformance(
  ctx: PgContext,
  range: DateRange & { systemId?: string },
): Promise<DailyPerformance[]> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const clauses = dateRangeWhere(range, params);
    if (range.systemId !== undefined) {
      params.push(range.systemId);
      clauses.push(`system_id = $${params.length}`);
    }
    const { rows } = await client.query(
      `SELECT * FROM system_daily_performance ${whereClause(clauses)}
       ORDER BY game_date, system_id COLLATE "C"`,
      params,
    );
    return rows.map(toDailyPerformance);
  });
}
