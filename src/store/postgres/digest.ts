/**
 * tableDigest: the row count and the shared order-independent checksum (src/store/digest.ts)
 * over a table's rows, optionally one date. Rows are streamed through a cursor; with this
 * store's type parsers their values have the same form as SQLite's, so equal contents give
 * equal digests on both backends.
 */
import type { QueryResultRow } from 'pg';
import type { IsoDate } from '../../domain/types.js';
import { RowDigest } from '../digest.js';
import type { StoreTable, TableDigest } from '../store.js';
import { DEFAULT_BATCH_SIZE, streamQuery } from './cursor.js';
import type { PgContext } from './pool.js';

/** Row count and checksum of a table (or one date of it). */
export async function tableDigest(
  ctx: PgContext,
  table: StoreTable,
  gameDate?: IsoDate,
): Promise<TableDigest> {
  const where = gameDate === undefined ? '' : 'WHERE game_date = $1::date';
  const params = gameDate === undefined ? [] : [gameDate];
  const digest = new RowDigest();
  const rows = streamQuery(
    ctx,
    `SELECT * FROM ${table} ${where}`,
    params,
    DEFAULT_BATCH_SIZE,
    (row: QueryResultRow) => row,
  );
  for await (const batch of rows) for (const row of batch) digest.add(row);
  return digest.result();
}
