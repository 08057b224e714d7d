/**
 * A date's grading inputs from one WAL snapshot, on a read-only connection of its own: BEGIN and
 * the first read pin the snapshot until close, so every pass sees the same versions while the
 * store's connection writes. It writes nothing; a crash simply ends the read transaction.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { IsoDate, PredictionVersion } from '../../domain/types.js';
import type { DateSnapshot } from '../store.js';
import { batchSizeOf, VERSION_COLUMN_NAMES, versionDecoder } from '../version-stream.js';
import { type Db, SqliteConnection } from './connection.js';
import { readActuals } from './queries.js';

const ORDERED_VERSIONS = `SELECT ${VERSION_COLUMN_NAMES.join(', ')} FROM predictions
  WHERE game_date = ? ORDER BY game_id, player_lookup, system_id`;

/** Open the snapshot of `gameDate` in the database file `file`. */
export async function openDateSnapshot(file: string, gameDate: IsoDate): Promise<DateSnapshot> {
  const conn = SqliteConnection.open(file);
  try {
    const { actuals, versionCount } = await conn.read((db) => {
      if (!db.inTransaction) db.exec('BEGIN');
      return { actuals: readActuals(db, gameDate), versionCount: countVersions(db, gameDate) };
    });
    return {
      gameDate,
      actuals,
      versionCount,
      versions: (batchSize) => orderedVersions(conn.db, gameDate, batchSizeOf(batchSize)),
      close: async () => conn.close(),
    };
  } catch (err) {
    conn.close();
    throw err;
  }
}

function countVersions(db: Db, gameDate: IsoDate): number {
  return db
    .prepare('SELECT count(*) FROM predictions WHERE game_date = ?')
    .pluck()
    .get(gameDate) as number;
}

async function* orderedVersions(
  db: Db,
  gameDate: IsoDate,
  size: number,
): AsyncGenerator<PredictionVersion[]> {
  const rows = db.prepare(ORDERED_VERSIONS).raw(true).iterate(gameDate) as IterableIterator<
    unknown[]
  >;
  const decode = versionDecoder();
  try {
    let batch: PredictionVersion[] = [];
    for (const row of rows) {
      batch.push(decode(row));
      if (batch.length < size) continue;
      yield batch;
      batch = [];
      await yieldLoop();
    }
    if (batch.length > 0) yield batch;
  } finally {
    rows.return?.();
  }
}
