#!/usr/bin/env node
/**
 * TEST-ONLY CONTROL: the naive consolidation that propgrade replaces, for one producer. No lease,
 * no fence, no single transaction: read the stored versions of the batch's triples, insert the
 * batch's versions in one statement, wait at a barrier (write `<barrier>.arrived.<pid>`, then
 * wait until `<barrier>` exists), then set is_active of those triples in a separate statement from
 * what was read before the barrier (selection by the built dist modules, SPEC 3.1). Producers
 * running at once leave two active versions in a triple or a wrong active one.
 *
 * An optional gate between the read and the insert (`--gate <file>`: write `<gate>.ready.<pid>`,
 * wait for `<gate>`) makes every producer read before any producer writes: an interleaving a
 * merge without a lease allows at any moment, made certain, as the failpoint barriers do in the
 * grading race tests (a race left to the scheduler is lost or won by luck).
 *
 * Usage: node consolidation-naive.mjs --kind sqlite|postgres --db <file|url> --file <csv>
 *          --barrier <path> [--gate <path>]
 * A statement that PostgreSQL ends as a deadlock victim is retried, as a production client would.
 * Prints one JSON line: {pid, inserted, seen, active}.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { activeVersionIds, gameStartsFrom } from '../../dist/domain/selection.js';
import { readPredictionsFile } from '../../dist/input/predictions.js';

const COLUMNS = [
  ['prediction_id', 'predictionId'],
  ['system_id', 'systemId'],
  ['player_lookup', 'playerLookup'],
  ['game_id', 'gameId'],
  ['game_date', 'gameDate'],
  ['line_value', 'lineValue'],
  ['predicted_points', 'predictedPoints'],
  ['confidence_score', 'confidenceScore'],
  ['recommendation', 'recommendation'],
  ['created_at', 'createdAt'],
  ['model_version', 'modelVersion'],
  ['odds_american', 'oddsAmerican'],
  ['is_withdrawn', 'isWithdrawn'],
];

const { values: args } = parseArgs({
  options: {
    kind: { type: 'string' },
    db: { type: 'string' },
    file: { type: 'string' },
    barrier: { type: 'string' },
    gate: { type: 'string' },
  },
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function barrier(file, marker = 'arrived', pollMs = 5) {
  writeFileSync(`${file}.${marker}.${process.pid}`, new Date().toISOString());
  while (!existsSync(file)) await sleep(pollMs);
}

const tripleKey = (r) => JSON.stringify([r.playerLookup, r.gameId, r.systemId]);

/** SQLite or PostgreSQL behind one small interface: run(sql, params) -> rows. */
async function connect(kind, db) {
  if (kind === 'sqlite') {
    const conn = new Database(db, { timeout: 30_000 });
    return {
      mark: () => '?',
      bool: (b) => (b ? 1 : 0),
      literal: (b) => (b ? '1' : '0'),
      run: async (sql, params) => {
        const stmt = conn.prepare(sql);
        if (stmt.reader) return stmt.all(...params);
        stmt.run(...params);
        return [];
      },
      close: async () => conn.close(),
    };
  }
  const url = new URL(db);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  let n = 0;
  return {
    mark: () => `$${++n}`,
    bool: (b) => b,
    literal: (b) => (b ? 'TRUE' : 'FALSE'),
    run: async (sql, params) => {
      n = 0;
      for (let attempt = 1; ; attempt++) {
        try {
          return (await client.query(sql, params)).rows;
        } catch (err) {
          if (err.code !== '40P01' || attempt >= 10) throw err;
        }
      }
    },
    close: () => client.end(),
  };
}

function placeholders(conn, count) {
  return Array.from({ length: count }, () => conn.mark()).join(', ');
}

function toVersion(row) {
  const v = {};
  for (const [column, field] of COLUMNS) v[field] = row[column];
  v.createdAt = new Date(v.createdAt).toISOString();
  v.isWithdrawn = Boolean(v.isWithdrawn);
  return v;
}

async function readTriples(conn, gameIds, mine) {
  const rows = await conn.run(
    `SELECT * FROM predictions WHERE game_id IN (${placeholders(conn, gameIds.length)})`,
    gameIds,
  );
  return rows.map(toVersion).filter((v) => mine.has(tripleKey(v)));
}

async function readStarts(conn, gameIds) {
  const rows = await conn.run(
    `SELECT game_id, game_start_at FROM actuals WHERE game_id IN (${placeholders(conn, gameIds.length)})`,
    gameIds,
  );
  return gameStartsFrom(
    rows
      .filter((r) => r.game_start_at !== null)
      .map((r) => ({ gameId: r.game_id, gameStartAt: new Date(r.game_start_at).toISOString() })),
  );
}

async function insertAll(conn, versions) {
  const now = new Date().toISOString();
  const params = [];
  const tuples = versions.map((v) => {
    for (const [, field] of COLUMNS)
      params.push(field === 'isWithdrawn' ? conn.bool(v[field]) : v[field]);
    params.push(conn.bool(false), 'naive', now);
    return `(${placeholders(conn, COLUMNS.length + 3)})`;
  });
  const verb = args.kind === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT';
  const tail = args.kind === 'sqlite' ? '' : ' ON CONFLICT DO NOTHING';
  const cols = [...COLUMNS.map(([c]) => c), 'is_active', 'batch_id', 'first_seen_at'].join(', ');
  await conn.run(`${verb} INTO predictions (${cols}) VALUES ${tuples.join(', ')}${tail}`, params);
}

async function setActive(conn, seen, active) {
  const ids = seen.map((v) => v.predictionId);
  const on = [...active];
  const when = on.length === 0 ? 'FALSE' : `prediction_id IN (${placeholders(conn, on.length)})`;
  const set = `CASE WHEN ${when} THEN ${conn.literal(true)} ELSE ${conn.literal(false)} END`;
  const sql = `UPDATE predictions SET is_active = ${set}
    WHERE prediction_id IN (${placeholders(conn, ids.length)})`;
  await conn.run(sql, [...on, ...ids]);
}

async function main() {
  const file = await readPredictionsFile(args.file);
  const versions = file.versions.map((v) => v.value);
  const mine = new Set(versions.map(tripleKey));
  const gameIds = [...new Set(versions.map((v) => v.gameId))];
  const conn = await connect(args.kind, args.db);
  try {
    const before = await readTriples(conn, gameIds, mine);
    const starts = await readStarts(conn, gameIds);
    if (args.gate) await barrier(args.gate, 'ready');
    await insertAll(
      conn,
      [...versions].sort((a, b) => (a.predictionId < b.predictionId ? -1 : 1)),
    );
    await barrier(args.barrier);
    const byId = new Map([...before, ...versions].map((v) => [v.predictionId, v]));
    const seen = [...byId.values()];
    const active = activeVersionIds(seen, starts);
    await setActive(conn, seen, active);
    console.log(
      JSON.stringify({
        pid: process.pid,
        inserted: versions.length,
        seen: seen.length,
        active: active.size,
      }),
    );
  } finally {
    await conn.close();
  }
}

await main();
