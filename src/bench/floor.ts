/**
 * The floor of a graded write: bulk-loading the same output rows into an empty table with the
 * identical definition and indexes, by the backend's fastest path. SQLite: a fresh file with the
 * store's own pragmas and DDL (copied from its sqlite_master), one prepared INSERT run per row
 * inside one transaction. PostgreSQL: `CREATE TABLE … (LIKE prediction_accuracy INCLUDING ALL)`
 * in the store's schema, then COPY FROM STDIN of a ready CSV (exported by COPY TO beforehand).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { type BenchStore, openSqlite, withPg } from './direct.js';

/** A date's graded rows, ready for the floor of its backend. */
export type FloorRows =
  | { backend: 'sqlite'; ddl: string[]; rows: unknown[][] }
  | { backend: 'postgres'; csv: Buffer; rows: number };

const CHUNK_BYTES = 1 << 20;

/** Read a date's graded rows back from the store, in the form its floor loads. */
export async function floorRowsOf(store: BenchStore, date: string): Promise<FloorRows> {
  if (store.backend === 'sqlite') {
    const db = openSqlite(store.file!);
    try {
      const ddl = db
        .prepare(
          "SELECT sql FROM sqlite_master WHERE tbl_name = 'prediction_accuracy' AND sql IS NOT NULL ORDER BY type DESC",
        )
        .pluck()
        .all() as string[];
      const rows = db
        .prepare('SELECT * FROM prediction_accuracy WHERE game_date = ?')
        .raw()
        .all(date) as unknown[][];
      return { backend: 'sqlite', ddl, rows };
    } finally {
      db.close();
    }
  }
  return withPg(store, async (client) => {
    const chunks: Buffer[] = [];
    const sql = `COPY (SELECT * FROM prediction_accuracy WHERE game_date = '${date}') TO STDOUT WITH (FORMAT csv)`;
    const source = client.query(copyTo(sql));
    for await (const chunk of source) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks);
    let rows = 0;
    for (let i = csv.indexOf(10); i !== -1; i = csv.indexOf(10, i + 1)) rows++;
    return { backend: 'postgres', csv, rows };
  });
}

function sqliteFloor(workDir: string, data: { ddl: string[]; rows: unknown[][] }): number {
  const file = join(workDir, 'floor.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const db = openSqlite(file);
  try {
    for (const sql of data.ddl) db.exec(sql);
    const width = data.rows[0]?.length ?? 0;
    const insert = db.prepare(
      `INSERT INTO prediction_accuracy VALUES (${Array(width).fill('?').join(', ')})`,
    );
    const started = performance.now();
    db.exec('BEGIN');
    for (const row of data.rows) insert.run(row);
    db.exec('COMMIT');
    return performance.now() - started;
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

function* slices(csv: Buffer): Generator<Buffer> {
  for (let i = 0; i < csv.length; i += CHUNK_BYTES) yield csv.subarray(i, i + CHUNK_BYTES);
}

async function postgresFloor(store: BenchStore, csv: Buffer): Promise<number> {
  return withPg(store, async (client) => {
    await client.query('DROP TABLE IF EXISTS bench_floor');
    await client.query('CREATE TABLE bench_floor (LIKE prediction_accuracy INCLUDING ALL)');
    try {
      const started = performance.now();
      await pipeline(
        Readable.from(slices(csv)),
        client.query(copyFrom('COPY bench_floor FROM STDIN WITH (FORMAT csv)')),
      );
      return performance.now() - started;
    } finally {
      await client.query('DROP TABLE bench_floor');
    }
  });
}

/** One timed floor load (ms) into a fresh empty table. */
export function runFloor(store: BenchStore, workDir: string, data: FloorRows): Promise<number> {
  return data.backend === 'sqlite'
    ? Promise.resolve(sqliteFloor(workDir, data))
    : postgresFloor(store, data.csv);
}

/** How many rows the floor loads. */
export function floorRowCount(data: FloorRows): number {
  return data.backend === 'sqlite' ? data.rows.length : data.rows;
}
