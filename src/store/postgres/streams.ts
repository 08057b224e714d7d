/**
 * The batched reads: every stored version of a date, and graded rows of a range, each through a
 * server-side cursor so that neither ever sits in memory whole.
 */
import type { QueryResultRow } from 'pg';
import type { AccuracyRow, IsoDate, StoredPrediction } from '../../domain/types.js';
import { ACCURACY_COLUMNS, PREDICTION_COLUMNS } from '../columns.js';
import type { DateRange } from '../store.js';
import { DEFAULT_BATCH_SIZE, streamQuery } from './cursor.js';
import type { PgContext } from './pool.js';
import { columnList, toAccuracyRow, toStoredPrediction } from './rows.js';
import { dateRangeWhere, whereClause } from './sql.js';

/** Every stored version of a date (withdrawn included), by prediction_id, in batches. */
export function streamPredictions(
  ctx: PgContext,
  gameDate: IsoDate,
  batchSize = DEFAULT_BATCH_SIZE,
): AsyncIterable<StoredPrediction[]> {
  return streamQuery<QueryResultRow, StoredPrediction>(
    ctx,
    `SELECT ${columnList(PREDICTION_COLUMNS)} FROM predictions WHERE game_date = $1::date
     ORDER BY prediction_id COLLATE "C"`,
    [gameDate],
    batchSize,
    toStoredPrediction,
  );
}

/** Graded rows of a range (optionally one system), by date and business key, in batches. */
export function streamAccuracy(
  ctx: PgContext,
  range: DateRange & { systemId?: string },
  batchSize = DEFAULT_BATCH_SIZE,
): AsyncIterable<AccuracyRow[]> {
  const params: unknown[] = [];
  const clauses = dateRangeWhere(range, params);
  if (range.systemId !== undefined) {
    params.push(range.systemId);
    clauses.push(`system_id = $${params.length}`);
  }
  return streamQuery<QueryResultRow, AccuracyRow>(
    ctx,
    `SELECT ${columnList(ACCURACY_COLUMNS)} FROM prediction_accuracy ${whereClause(clauses)}
     ORDER BY game_date, game_id COLLATE "C", player_lookup COLLATE "C", system_id COLLATE "C",
       line_value NULLS FIRST, graded_at, run_id COLLATE "C" NULLS FIRST,
       prediction_id COLLATE "C" NULLS FIRST`,
    params,
    batchSize,
    toAccuracyRow,
  );
}
