/**
 * A date's grading inputs from one REPEATABLE READ, READ ONLY transaction on a pooled connection
 * of its own: every pass sees the same snapshot while another connection writes the date. It
 * writes nothing; closing, or the session dying, ends the transaction and returns the connection.
 */
import type { PoolClient } from 'pg';
import type { IsoDate, PredictionVersion } from '../../domain/types.js';
import { ACTUAL_COLUMNS } from '../columns.js';
import type { DateSnapshot } from '../store.js';
import { batchSizeOf, VERSION_COLUMN_NAMES, versionDecoder } from '../version-stream.js';
import { type PgContext, rollbackQuietly } from './pool.js';
import { columnList, toActualRow } from './rows.js';

/** Sort memory of the snapshot's transaction, so that ordering a large date stays in memory. */
const SNAPSHOT_WORK_MEM = '64MB';

const ORDERED_VERSIONS = `SELECT ${VERSION_COLUMN_NAMES.join(', ')} FROM predictions
  WHERE game_date = $1::date
  ORDER BY game_id COLLATE "C", player_lookup COLLATE "C", system_id COLLATE "C"`;

/** Open the snapshot of `gameDate`. */
export async function openDateSnapshot(ctx: PgContext, gameDate: IsoDate): Promise<DateSnapshot> {
  const client = await ctx.acquire();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET LOCAL work_mem = '${SNAPSHOT_WORK_MEM}'`);
    const { rows } = await client.query(
      `SELECT ${columnList(ACTUAL_COLUMNS)} FROM actuals WHERE game_date = $1::date
       ORDER BY game_id COLLATE "C", player_lookup COLLATE "C"`,
      [gameDate],
    );
    const count = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM predictions WHERE game_date = $1::date',
      [gameDate],
    );
    const versionCount = Number(count.rows[0]!.n);
    return new PgDateSnapshot(ctx, client, gameDate, rows.map(toActualRow), versionCount);
  } catch (err) {
    await rollbackQuietly(client);
    ctx.release(client, err);
    throw ctx.mapError(err);
  }
}

class PgDateSnapshot implements DateSnapshot {
  private cursors = 0;
  private closed = false;

  constructor(
    private readonly ctx: PgContext,
    private readonly client: PoolClient,
    readonly gameDate: IsoDate,
    readonly actuals: ReturnType<typeof toActualRow>[],
    readonly versionCount: number,
  ) {}

  async *versions(batchSize?: number): AsyncGenerator<PredictionVersion[]> {
    const size = batchSizeOf(batchSize);
    const cursor = `propgrade_versions_${++this.cursors}`;
    const decode = versionDecoder();
    try {
      await this.client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${ORDERED_VERSIONS}`, [
        this.gameDate,
      ]);
      for (;;) {
        const { rows } = await this.client.query<unknown[]>({
          text: `FETCH FORWARD ${size} FROM ${cursor}`,
          rowMode: 'array',
        });
        if (rows.length > 0) yield rows.map(decode);
        if (rows.length < size) break;
      }
      await this.client.query(`CLOSE ${cursor}`);
    } catch (err) {
      throw this.ctx.mapError(err);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await rollbackQuietly(this.client);
    this.ctx.release(this.client);
  }
}
