/**
 * Server-side cursors: a query's rows arrive in batches from one consistent snapshot, so a
 * million-row date never sits in memory whole. The cursor's transaction ends when the consumer
 * finishes or stops iterating (break, throw).
 */
import type { QueryResultRow } from 'pg';
import type { PgContext } from './pool.js';
import { rollbackQuietly } from './pool.js';

/** Default rows per batch of a stream. */
export const DEFAULT_BATCH_SIZE = 10_000;

/** Yield the rows of `sql` in batches of `batchSize`, each mapped by `map`. */
export async function* streamQuery<R extends QueryResultRow, T>(
  ctx: PgContext,
  sql: string,
  params: readonly unknown[],
  batchSize: number,
  map: (row: R) => T,
): AsyncGenerator<T[]> {
  const size = Math.max(1, Math.floor(batchSize));
  const client = await ctx.acquire();
  let failure: unknown;
  let open = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    await client.query(`DECLARE propgrade_stream NO SCROLL CURSOR FOR ${sql}`, [...params]);
    for (;;) {
      const { rows } = await client.query<R>(`FETCH FORWARD ${size} FROM propgrade_stream`);
      if (rows.length > 0) yield rows.map(map);
      if (rows.length < size) break;
    }
    await client.query('COMMIT');
    open = false;
  } catch (err) {
    failure = err;
    throw ctx.mapError(err);
  } finally {
    if (open) await rollbackQuietly(client);
    ctx.release(client, failure);
  }
}
