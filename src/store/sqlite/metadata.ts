/** Store metadata (the unique guard's state) and the maintenance log. */
import type { GuardState } from '../store.js';
import type { Db } from './connection.js';

/** The guard's recorded state. */
export function readGuardState(db: Db): GuardState {
  const row = db
    .prepare(`SELECT value, updated_at FROM store_metadata WHERE key = 'unique_guard'`)
    .get() as { value: string; updated_at: string } | undefined;
  if (!row) return { installed: false, changedAt: null, reason: 'no guard state recorded' };
  const value = JSON.parse(row.value) as { installed: boolean; reason?: string };
  return { installed: value.installed, changedAt: row.updated_at, reason: value.reason ?? null };
}

/** Record the guard's state (the caller creates or drops the index in the same transaction). */
export function writeGuardState(db: Db, installed: boolean, reason: string): void {
  db.prepare(
    `INSERT INTO store_metadata (key, value, updated_at) VALUES ('unique_guard', ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(JSON.stringify({ installed, reason }), new Date().toISOString());
}

/** Append to the maintenance log. */
export function appendMaintenance(db: Db, action: string, details: unknown): void {
  db.prepare('INSERT INTO maintenance_log (action, details, created_at) VALUES (?, ?, ?)').run(
    action,
    JSON.stringify(details),
    new Date().toISOString(),
  );
}
