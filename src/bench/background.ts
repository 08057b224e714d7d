/**
 * The scale scenario's background: N graded rows of other dates bulk-loaded straight into a
 * store's prediction_accuracy by the bench (not through the CLI — it is the history a table
 * accumulates, not the work measured). Rows are generated inside the database (a recursive CTE
 * on SQLite, generate_series on PostgreSQL) with distinct business keys per date; the table's
 * indexes are dropped for the load and rebuilt with their exact stored definitions; PostgreSQL
 * is then VACUUM ANALYZEd, as autovacuum would leave an old table.
 */
import { ACCURACY_COLUMNS } from '../store/columns.js';
import { type BenchStore, openSqlite, withPg } from './direct.js';

/** What to load: `rows` rows spread evenly over `dates` dates starting 2025-06-01. */
export interface Background {
  rows: number;
  dates: number;
}

const COLUMNS = ACCURACY_COLUMNS.map((c) => c.column).join(', ');

/** Select-list expressions of one row from `i` (row number), `d` (date index) and `k` (row of the date). */
function valuesSql(dialect: 'sqlite' | 'postgres'): string {
  const cat = (...parts: string[]) => parts.join(' || ');
  const date =
    dialect === 'sqlite' ? "date('2025-06-01', '+' || d || ' days')" : "DATE '2025-06-01' + d::int";
  const gradedAt =
    dialect === 'sqlite'
      ? "strftime('%Y-%m-%dT09:00:00.000Z', '2025-06-02', '+' || d || ' days')"
      : "TIMESTAMPTZ '2025-06-02 09:00:00+00' + d::int * INTERVAL '1 day'";
  const bool = (expr: string) => (dialect === 'sqlite' ? `(${expr})` : `(${expr}) = 1`);
  return [
    cat("'bgp'", 'd', "'_'", '(k / 12)'),
    cat("'bg'", 'd', "'_G'", '(k / 288)'),
    cat("'sys_'", '(k % 12)'),
    '5.5 + (i % 30)',
    date,
    cat("'bgid'", 'i'),
    "'TA'",
    "'TB'",
    '10.0 + (i % 25)',
    '0.5 + (i % 45) / 100.0',
    '6 + (i % 5)',
    "CASE WHEN i % 2 = 0 THEN 'OVER' ELSE 'UNDER' END",
    '(i % 40)',
    '24.0',
    '1.5',
    '-1.5',
    bool('i % 2'),
    '2.0',
    '-3.0',
    bool('1'),
    bool('1'),
    bool('0'),
    'NULL',
    "'v1'",
    '-110',
    '0.9090909090909091',
    gradedAt,
    "'background'",
    '1',
  ].join(', ');
}

async function loadSqlite(file: string, bg: Background): Promise<void> {
  const db = openSqlite(file);
  try {
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'prediction_accuracy' AND sql IS NOT NULL",
      )
      .all() as { name: string; sql: string }[];
    db.exec('BEGIN');
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
       INSERT INTO prediction_accuracy (${COLUMNS})
       SELECT ${valuesSql('sqlite')} FROM (SELECT i, i / ? AS d, i % ? AS k FROM n)`,
    ).run(bg.rows, perDate(bg), perDate(bg));
    for (const index of indexes) db.exec(index.sql);
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function loadPostgres(store: BenchStore, bg: Background): Promise<void> {
  await withPg(store, async (client) => {
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'prediction_accuracy'`,
    );
    await client.query('BEGIN');
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    await client.query(
      `INSERT INTO prediction_accuracy (${COLUMNS})
       SELECT ${valuesSql('postgres')}
         FROM (SELECT i, i / $2::bigint AS d, i % $2::bigint AS k FROM generate_series(0, $1::bigint - 1) AS i) AS g`,
      [bg.rows, perDate(bg)],
    );
    for (const index of indexes) await client.query(index.def);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE prediction_accuracy');
  });
}

function perDate(bg: Background): number {
  return Math.ceil(bg.rows / bg.dates);
}

/** Load the background rows into a store (dates 2025-06-01 onward, never a bench date). */
export function loadBackground(store: BenchStore, bg: Background): Promise<void> {
  return store.backend === 'sqlite' ? loadSqlite(store.file!, bg) : loadPostgres(store, bg);
}
