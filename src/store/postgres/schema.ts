/**
 * PostgreSQL migrations, mirroring the SQLite schema's tables and column names exactly. Numbers
 * are `double precision` (never `real`), counts `integer`/`bigint`, flags `boolean`, dates
 * `date`, timestamps `timestamptz`. The unique guard is a NULLS NOT DISTINCT unique index, so
 * two rows whose line is NULL collide (PostgreSQL 15).
 */

import { ALERTS_MIGRATION } from './alerts-schema.js';
import { GRADING_ORDER_MIGRATION } from './grading-order-schema.js';
import { STAGING_MIGRATION } from './staging-schema.js';

/** Name of the droppable unique index on the business key of prediction_accuracy. */
export const GUARD_INDEX = 'prediction_accuracy_business_key_guard';

/** DDL that installs the unique guard (also used by dedupe when it reinstalls it). */
export const GUARD_DDL = `CREATE UNIQUE INDEX ${GUARD_INDEX} ON prediction_accuracy
  (player_lookup, game_id, system_id, line_value) NULLS NOT DISTINCT`;

const PREDICTIONS = `
CREATE TABLE predictions (
  prediction_id text NOT NULL PRIMARY KEY,
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
  is_withdrawn boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT false,
  batch_id text,
  first_seen_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX predictions_version_key ON predictions
  (player_lookup, game_id, system_id, line_value, created_at) NULLS NOT DISTINCT;
CREATE INDEX predictions_date ON predictions (game_date, prediction_id COLLATE "C");
CREATE INDEX predictions_triple ON predictions (game_id, player_lookup, system_id);
CREATE UNIQUE INDEX predictions_one_active ON predictions (game_id, player_lookup, system_id)
  WHERE is_active;
`;

const ACTUALS = `
CREATE TABLE actuals (
  player_lookup text NOT NULL,
  game_id text NOT NULL,
  game_date date NOT NULL,
  points integer,
  minutes_played double precision,
  is_dnp boolean NOT NULL DEFAULT false,
  team_abbr text,
  opponent_team_abbr text,
  injury_status text,
  game_start_at timestamptz,
  game_status text NOT NULL DEFAULT 'final',
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (player_lookup, game_id)
);
CREATE INDEX actuals_date ON actuals (game_date);
CREATE INDEX actuals_game ON actuals (game_id);
`;

const PREDICTION_ACCURACY = `
CREATE TABLE prediction_accuracy (
  player_lookup text NOT NULL,
  game_id text NOT NULL,
  system_id text NOT NULL,
  line_value double precision,
  game_date date NOT NULL,
  prediction_id text,
  team_abbr text,
  opponent_team_abbr text,
  predicted_points double precision,
  confidence_score double precision,
  confidence_decile integer,
  recommendation text NOT NULL,
  actual_points integer,
  minutes_played double precision,
  absolute_error double precision,
  signed_error double precision,
  prediction_correct boolean,
  predicted_margin double precision,
  actual_margin double precision,
  within_3_points boolean,
  within_5_points boolean,
  is_voided boolean,
  void_reason text,
  model_version text,
  odds_american integer,
  profit_units double precision,
  graded_at timestamptz NOT NULL,
  run_id text,
  fence_token bigint
);
CREATE INDEX prediction_accuracy_date ON prediction_accuracy (game_date);
${GUARD_DDL};
`;

const SYSTEM_DAILY_PERFORMANCE = `
CREATE TABLE system_daily_performance (
  game_date date NOT NULL,
  system_id text NOT NULL,
  predictions integer NOT NULL,
  graded integer NOT NULL,
  correct integer NOT NULL,
  incorrect integer NOT NULL,
  pushes integer NOT NULL,
  voided integer NOT NULL,
  no_line integer NOT NULL,
  hit_rate double precision,
  mae double precision,
  bias double precision,
  over_graded integer NOT NULL,
  over_correct integer NOT NULL,
  under_graded integer NOT NULL,
  under_correct integer NOT NULL,
  within_3_rate double precision,
  within_5_rate double precision,
  profit_units double precision NOT NULL,
  roi double precision,
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (game_date, system_id)
);
`;

const GRADING_RUNS = `
CREATE TABLE grading_runs (
  run_id text NOT NULL PRIMARY KEY,
  game_date date NOT NULL,
  trigger text NOT NULL,
  trigger_source text,
  correlation_id text,
  holder text NOT NULL,
  lock_mode text NOT NULL,
  started_at timestamptz NOT NULL,
  lock_acquired_at timestamptz,
  finished_at timestamptz,
  status text NOT NULL,
  rows_deleted bigint,
  rows_written bigint,
  source_duplicates_dropped integer,
  superseded_lines integer,
  late_predictions integer,
  pending_games text,
  duplicate_keys integer,
  validation_id text,
  fence_token bigint,
  lock_wait_ms bigint,
  error text
);
CREATE INDEX grading_runs_date ON grading_runs (game_date, started_at);
CREATE INDEX grading_runs_status ON grading_runs (status);
`;

const BOOKKEEPING = `
CREATE TABLE write_fences (
  resource text NOT NULL,
  scope text NOT NULL,
  fence bigint NOT NULL,
  run_id text,
  writer_pid integer,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (resource, scope)
);

CREATE TABLE store_metadata (
  key text NOT NULL PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE validation_results (
  validation_id text NOT NULL PRIMARY KEY,
  kind text NOT NULL,
  run_id text,
  date_from date NOT NULL,
  date_to date NOT NULL,
  status text NOT NULL,
  result text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE alerts (
  alert_id text NOT NULL PRIMARY KEY,
  event text NOT NULL,
  fingerprint text NOT NULL,
  severity integer NOT NULL,
  outcome text NOT NULL,
  attempts integer NOT NULL,
  message text NOT NULL,
  error text,
  created_at timestamptz NOT NULL
);
CREATE INDEX alerts_fingerprint ON alerts (fingerprint, created_at);

CREATE TABLE maintenance_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action text NOT NULL,
  details text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE batches (
  batch_id text NOT NULL PRIMARY KEY,
  sha256 text NOT NULL,
  status text NOT NULL,
  rows integer NOT NULL,
  created_at timestamptz NOT NULL,
  merged_at timestamptz
);

INSERT INTO store_metadata (key, value, updated_at)
  VALUES ('unique_guard', '{"installed":true,"reason":"created by migration 1"}',
          date_trunc('milliseconds', clock_timestamp()));
`;

/** Ordered migrations; each runs once, under a transaction-scoped advisory lock, recorded in schema_migrations. */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: [
      PREDICTIONS,
      ACTUALS,
      PREDICTION_ACCURACY,
      SYSTEM_DAILY_PERFORMANCE,
      GRADING_RUNS,
      BOOKKEEPING,
    ].join('\n'),
  },
  STAGING_MIGRATION,
  ALERTS_MIGRATION,
  GRADING_ORDER_MIGRATION,
];
