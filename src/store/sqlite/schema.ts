/**
 * SQLite migrations. STRICT tables; numbers are REAL (IEEE doubles); booleans are INTEGER 0/1;
 * timestamps are TEXT in UTC millisecond ISO form; the unique guard is a unique expression
 * index on ifnull(line_value, 'NULL') so that two NULL lines collide.
 */

import { ALERTS_MIGRATION } from './alerts-schema.js';
import { GRADING_ORDER_MIGRATION } from './grading-order-schema.js';
import { STAGING_MIGRATION } from './staging-schema.js';

export const GUARD_INDEX = 'prediction_accuracy_business_key_guard';

export const GUARD_DDL = `CREATE UNIQUE INDEX ${GUARD_INDEX} ON prediction_accuracy
  (player_lookup, game_id, system_id, ifnull(line_value, 'NULL'))`;

/** Ordered migrations; each runs once, inside BEGIN IMMEDIATE, recorded in schema_migrations. */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE predictions (
  prediction_id TEXT NOT NULL PRIMARY KEY,
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
  is_withdrawn INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 0,
  batch_id TEXT,
  first_seen_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX predictions_version_key ON predictions
  (player_lookup, game_id, system_id, ifnull(line_value, 'NULL'), created_at);
CREATE INDEX predictions_date ON predictions (game_date);
CREATE INDEX predictions_triple ON predictions (game_id, player_lookup, system_id);
CREATE UNIQUE INDEX predictions_one_active ON predictions (game_id, player_lookup, system_id)
  WHERE is_active = 1;

CREATE TABLE actuals (
  player_lookup TEXT NOT NULL,
  game_id TEXT NOT NULL,
  game_date TEXT NOT NULL,
  points INTEGER,
  minutes_played REAL,
  is_dnp INTEGER NOT NULL DEFAULT 0,
  team_abbr TEXT,
  opponent_team_abbr TEXT,
  injury_status TEXT,
  game_start_at TEXT,
  game_status TEXT NOT NULL DEFAULT 'final',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (player_lookup, game_id)
) STRICT;
CREATE INDEX actuals_date ON actuals (game_date);
CREATE INDEX actuals_game ON actuals (game_id);

CREATE TABLE prediction_accuracy (
  player_lookup TEXT NOT NULL,
  game_id TEXT NOT NULL,
  system_id TEXT NOT NULL,
  line_value REAL,
  game_date TEXT NOT NULL,
  prediction_id TEXT,
  team_abbr TEXT,
  opponent_team_abbr TEXT,
  predicted_points REAL,
  confidence_score REAL,
  confidence_decile INTEGER,
  recommendation TEXT NOT NULL,
  actual_points INTEGER,
  minutes_played REAL,
  absolute_error REAL,
  signed_error REAL,
  prediction_correct INTEGER,
  predicted_margin REAL,
  actual_margin REAL,
  within_3_points INTEGER,
  within_5_points INTEGER,
  is_voided INTEGER,
  void_reason TEXT,
  model_version TEXT,
  odds_american INTEGER,
  profit_units REAL,
  graded_at TEXT NOT NULL,
  run_id TEXT,
  fence_token INTEGER
) STRICT;
CREATE INDEX prediction_accuracy_date ON prediction_accuracy (game_date);
${GUARD_DDL};

CREATE TABLE system_daily_performance (
  game_date TEXT NOT NULL,
  system_id TEXT NOT NULL,
  predictions INTEGER NOT NULL,
  graded INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  incorrect INTEGER NOT NULL,
  pushes INTEGER NOT NULL,
  voided INTEGER NOT NULL,
  no_line INTEGER NOT NULL,
  hit_rate REAL,
  mae REAL,
  bias REAL,
  over_graded INTEGER NOT NULL,
  over_correct INTEGER NOT NULL,
  under_graded INTEGER NOT NULL,
  under_correct INTEGER NOT NULL,
  within_3_rate REAL,
  within_5_rate REAL,
  profit_units REAL NOT NULL,
  roi REAL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (game_date, system_id)
) STRICT;

CREATE TABLE grading_runs (
  run_id TEXT NOT NULL PRIMARY KEY,
  game_date TEXT NOT NULL,
  trigger TEXT NOT NULL,
  trigger_source TEXT,
  correlation_id TEXT,
  holder TEXT NOT NULL,
  lock_mode TEXT NOT NULL,
  started_at TEXT NOT NULL,
  lock_acquired_at TEXT,
  finished_at TEXT,
  status TEXT NOT NULL,
  rows_deleted INTEGER,
  rows_written INTEGER,
  source_duplicates_dropped INTEGER,
  superseded_lines INTEGER,
  late_predictions INTEGER,
  pending_games TEXT,
  duplicate_keys INTEGER,
  validation_id TEXT,
  fence_token INTEGER,
  lock_wait_ms INTEGER,
  error TEXT
) STRICT;
CREATE INDEX grading_runs_date ON grading_runs (game_date, started_at);
CREATE INDEX grading_runs_status ON grading_runs (status);

CREATE TABLE write_fences (
  resource TEXT NOT NULL,
  scope TEXT NOT NULL,
  fence INTEGER NOT NULL,
  run_id TEXT,
  writer_pid INTEGER,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (resource, scope)
) STRICT;

CREATE TABLE store_metadata (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE validation_results (
  validation_id TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  run_id TEXT,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  status TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE alerts (
  alert_id TEXT NOT NULL PRIMARY KEY,
  event TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  severity INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  message TEXT NOT NULL,
  error TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX alerts_fingerprint ON alerts (fingerprint, created_at);

CREATE TABLE maintenance_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  action TEXT NOT NULL,
  details TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE batches (
  batch_id TEXT NOT NULL PRIMARY KEY,
  sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  rows INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  merged_at TEXT
) STRICT;

INSERT INTO store_metadata (key, value, updated_at)
  VALUES ('unique_guard', '{"installed":true,"reason":"created by migration 1"}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
`,
  },
  STAGING_MIGRATION,
  ALERTS_MIGRATION,
  GRADING_ORDER_MIGRATION,
];
