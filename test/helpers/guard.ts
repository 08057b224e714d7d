/** Test-only: drop the unique guard of a SQLite store and record it as dropped. */
import Database from 'better-sqlite3';
import { GUARD_INDEX } from '../../src/store/sqlite/schema.js';

export function dropSqliteGuard(file: string): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      db.exec(`DROP INDEX IF EXISTS ${GUARD_INDEX}`);
      db.prepare(
        `UPDATE store_metadata SET value = ?, updated_at = ? WHERE key = 'unique_guard'`,
      ).run(
        JSON.stringify({ installed: false, reason: 'dropped by a test' }),
        new Date().toISOString(),
      );
    })();
  } finally {
    db.close();
  }
}

/** Test-only: a plain (non-unique) index under the guard's name, on a store whose guard is dropped. */
export function impostorSqliteGuard(file: string): void {
  const db = new Database(file);
  try {
    db.exec(`CREATE INDEX ${GUARD_INDEX} ON prediction_accuracy
      (player_lookup, game_id, system_id, ifnull(line_value, 'NULL'))`);
  } finally {
    db.close();
  }
}
