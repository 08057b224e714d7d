/** Versioned migrations, each applied once inside BEGIN IMMEDIATE so concurrent inits are safe. */
import type { SqliteConnection } from './connection.js';
import { readGuardState } from './metadata.js';
import { MIGRATIONS } from './schema.js';

/** Apply pending migrations; report the ones applied and a warning when the guard is dropped. */
export async function migrate(
  conn: SqliteConnection,
): Promise<{ applied: number[]; guardWarning: string | null }> {
  const applied = await conn.immediate((db) => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`);
    const done = new Set(
      db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
    );
    const now = new Date().toISOString();
    const fresh: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        m.version,
        now,
      );
      fresh.push(m.version);
    }
    return fresh;
  });
  const guard = await conn.read((db) => readGuardState(db));
  const guardWarning = guard.installed
    ? null
    : `the unique guard on prediction_accuracy is dropped (${guard.reason ?? 'no reason recorded'}); init does not reinstall it: run \`propgrade dedupe\``;
  return { applied, guardWarning };
}
