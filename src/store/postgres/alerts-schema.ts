/**
 * Migration 3 (PostgreSQL): what the alert rules need beyond migration 1's `alerts` table — the
 * table and scope of the fingerprint, the measures escalation compares, when a delivery's result
 * was recorded, and `seq`, the insertion order (timestamps can tie).
 */

/** Version of the alerts migration (the same number in both backends). */
export const ALERTS_MIGRATION_VERSION = 3;

/** The migration that extends `alerts`. */
export const ALERTS_MIGRATION = {
  version: ALERTS_MIGRATION_VERSION,
  sql: `
ALTER TABLE alerts ADD COLUMN table_name text NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN scope text NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN measures text NOT NULL DEFAULT '{}';
ALTER TABLE alerts ADD COLUMN updated_at timestamptz;
ALTER TABLE alerts ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX alerts_fingerprint_seq ON alerts (fingerprint, seq);
`,
} as const;
