/**
 * Migration 2 (PostgreSQL): the staging table of prediction batches and the batch registry's
 * extra columns, mirroring the SQLite migration of the same number.
 */

/** Version of the staging migration (the same number in both backends). */
export const STAGING_MIGRATION_VERSION = 2;

/** The migration that adds staging and the registry columns. */
export const STAGING_MIGRATION = {
  version: STAGING_MIGRATION_VERSION,
  sql: `
ALTER TABLE batches ADD COLUMN dates text NOT NULL DEFAULT '[]';
ALTER TABLE batches ADD COLUMN holder text;
ALTER TABLE batches ADD COLUMN versions_added integer;
ALTER TABLE batches ADD COLUMN error text;
ALTER TABLE batches ADD COLUMN updated_at timestamptz;
CREATE INDEX batches_status ON batches (status, created_at);

CREATE TABLE prediction_staging (
  batch_id text NOT NULL,
  seq integer NOT NULL,
  prediction_id text NOT NULL,
  system_id text NOT NULL,
  player_lookup text NOT NULL,
  game_id text NOT NULL,
  game_date date NOT NULL,
  line_value double precision,
  predicted_points double precision NOT NULL,
  confidence_score double precision,
  recommendation text NOT NULL,
  created_at timestamptz NOT NULL,
  model_version text,
  odds_american integer,
  is_withdrawn boolean NOT NULL,
  PRIMARY KEY (batch_id, seq)
);
`,
} as const;
