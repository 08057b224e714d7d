/**
 * Migration 4 (SQLite): an index in grading order, so that a date's versions stream by
 * (game, player, system) without a sort. Adding an index changes no data.
 */

/** Version of the grading-order migration (the same number in both backends). */
export const GRADING_ORDER_MIGRATION_VERSION = 4;

/** The migration that adds predictions_date_triple. */
export const GRADING_ORDER_MIGRATION = {
  version: GRADING_ORDER_MIGRATION_VERSION,
  sql: `
CREATE INDEX predictions_date_triple ON predictions (game_date, game_id, player_lookup, system_id);
`,
};
