// CONTROL for the race tests, test-only: what the incident did. Plans the date with propgrade's own
// grader (built dist), then writes it the unsafe way: DELETE in one statement, a barrier, then
// INSERT in another — no lease, no fence, no single transaction.
// usage: node naive-grade.mjs <database-url> <date> <barrier-file>

import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DatePlanner } from '../../dist/pipeline/plan.js';
import { ACCURACY_COLUMNS } from '../../dist/store/columns.js';
import { openStore } from '../../dist/store/open.js';

const [url, date, barrier] = process.argv.slice(2);
const store = await openStore(url);
const planner = await DatePlanner.open(store, date, {
  lines: 'latest',
  bufferRows: Number.MAX_SAFE_INTEGER,
});
const plan = { rows: [] };
for await (const chunk of planner.rows()) plan.rows.push(...chunk);
await planner.close();
await store.close();

const runId = `naive-${randomUUID()}`;
const gradedAt = new Date().toISOString();
const sqlite = url.startsWith('sqlite:');
const values = (row) =>
  ACCURACY_COLUMNS.map((c) => {
    const v = { ...row, gradedAt, runId, fenceToken: null }[c.field] ?? null;
    return sqlite && typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });
const cols = ACCURACY_COLUMNS.map((c) => c.column).join(', ');

async function waitBarrier() {
  writeFileSync(`${barrier}.arrived.${process.pid}`, '');
  while (!existsSync(barrier)) await new Promise((r) => setTimeout(r, 5));
}

if (sqlite) {
  const db = new Database(url.slice('sqlite:'.length), { timeout: 30000 });
  db.prepare('DELETE FROM prediction_accuracy WHERE game_date = ?').run(date);
  await waitBarrier();
  const insert = db.prepare(
    `INSERT INTO prediction_accuracy (${cols}) VALUES (${ACCURACY_COLUMNS.map(() => '?').join(', ')})`,
  );
  db.transaction(() => {
    for (const r of plan.rows) insert.run(...values(r));
  })();
  db.close();
} else {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? 'public';
  u.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  await client.query('DELETE FROM prediction_accuracy WHERE game_date = $1', [date]);
  await waitBarrier();
  const n = ACCURACY_COLUMNS.length;
  for (let i = 0; i < plan.rows.length; i += 1000) {
    const chunk = plan.rows.slice(i, i + 1000);
    const tuples = chunk.map(
      (_, j) => `(${ACCURACY_COLUMNS.map((__, k) => `$${j * n + k + 1}`).join(', ')})`,
    );
    await client.query(
      `INSERT INTO prediction_accuracy (${cols}) VALUES ${tuples.join(', ')}`,
      chunk.flatMap(values),
    );
  }
  await client.end();
}
