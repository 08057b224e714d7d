/**
 * Direct changes to live tables of a SQLite store that no propgrade command can make: a second
 * active version of a prediction (what a producer writing around propgrade would leave), and a
 * CSV of a date's graded rows cut to its first `keys` rows (for re-import as duplicates).
 * History tables (grading_runs, validation_results, alerts) are never touched here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Drop the one-active index and activate a superseded version of some triple of `date`. */
export function activateSupersededVersion(dbFile: string, date: string): string {
  const db = new Database(dbFile);
  try {
    db.exec('DROP INDEX IF EXISTS predictions_one_active');
    const row = db
      .prepare(
        `SELECT prediction_id FROM predictions WHERE game_date = ? AND is_active = 0 AND is_withdrawn = 0
         ORDER BY prediction_id LIMIT 1`,
      )
      .pluck()
      .get(date) as string | undefined;
    if (!row) throw new Error(`no superseded version on ${date}`);
    db.prepare('UPDATE predictions SET is_active = 1 WHERE prediction_id = ?').run(row);
    return row;
  } finally {
    db.close();
  }
}

/** A copy of an exported CSV with its header and rows `from..to-1` only. */
export function csvSlice(source: string, target: string, from: number, to: number): string {
  const [header, ...rows] = readFileSync(source, 'utf8').trimEnd().split('\n');
  writeFileSync(target, `${[header, ...rows.slice(from, to)].join('\n')}\n`);
  return target;
}
