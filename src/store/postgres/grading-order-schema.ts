/**
 * Migration 4 (PostgreSQL): an index in grading order (byte order, as the snapshot sorts), so
 * that a date's versions stream by (game, player, system) without a sort. Changes no data.
 */

/** Version of the grading-order migration (the same number in both backends). */
export const GRADING_ORDER_MIGRATION_VERSION = 4;

/** The migration that adds predictions_date_triple. */
export const GRADING_ORDER_MIGRATION = {
  version: GRADING_ORDER_MIGRATION_VERSION,
  sql: `
CREATE INDEX predictions_date_triple ON predictions
  (game_date, game_id COLLATE "C", player_lookup COLLATE "C", system_id COLLATE "C");
`,
};
