/**
 * Migration 2 (SQLite): the staging table of prediction batches and the batch registry's extra
 * columns (the dates a batch needs leases for, its producer, the merge's outcome).
 */

/** Version of the staging migration (the same number in both backends). */
export const STAGING_MIGRATION_VERSION = 2;

/** The migration that adds staging and the registry columns. */
export const STAGING_MIGRATION = {
  version: STAGING_MIGRATION_VERSION,
  sql: `
ALTER TABLE batches ADD COLUMN dates TEXT NOT NULL DEFAULT '[]';
ALTER TABLE batches ADD COLUMN holder TEXT;
ALTER TABLE batches ADD COLUMN versions_added INTEGER;
ALTER TABLE batches ADD COLUMN error TEXT;
ALTER TABLE batches ADD COLUMN updated_at TEXT;
CREATE INDEX batches_status ON batches (status, created_at);

CREATE TABLE prediction_staging (
  batch_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  prediction_id TEXT NOT NULL,
  system_id TEXT NOT NULL,
  player_lookup TEXT NOT NULL,
  game_id TEXT NOT NULL,
  game_date TEXT NOT NULL,
  line_value REAL,
  predicted_points REAL NOT NULL,
  confidence_score REAL,
  recommendation TEXT NOT NULL,
  created_at TEXT NOT NULL,
  model_version TEXT,
  odds_american INTEGER,
  is_withdrawn INTEGER NOT NULL,
  PRIMARY KEY (batch_id, seq)
) STRICT;
`,
} as const;
