/**
 * Migration 3 (SQLite): what the alert rules need beyond migration 1's `alerts` table — the
 * table and scope of the fingerprint, the measures escalation compares, and when a delivery's
 * result was recorded. Records are ordered by rowid (insertion order).
 */

/** Version of the alerts migration (the same number in both backends). */
export const ALERTS_MIGRATION_VERSION = 3;

/** The migration that extends `alerts`. */
export const ALERTS_MIGRATION = {
  version: ALERTS_MIGRATION_VERSION,
  sql: `
ALTER TABLE alerts ADD COLUMN table_name TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN measures TEXT NOT NULL DEFAULT '{}';
ALTER TABLE alerts ADD COLUMN updated_at TEXT;
CREATE INDEX alerts_fingerprint_outcome ON alerts (fingerprint, outcome);
`,
} as const;
