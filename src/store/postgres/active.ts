/**
 * Maintenance of predictions.is_active: for a set of (player, game, system) triples, read every
 * version and the games' actual rows, let the domain's source selection pick the active version,
 * and write the difference (clearing before setting, so the partial unique index holds).
 */
import type { PoolClient } from 'pg';
import { activeVersionIds, gameStartsFrom } from '../../domain/selection.js';
import type { IsoDate } from '../../domain/types.js';
import { PREDICTION_COLUMNS } from '../columns.js';
import type { ActiveConflict } from '../staging.js';
import { columnList, toActualRow, toStoredPrediction } from './rows.js';
import { chunked } from './unnest.js';

/** A (player, game, system) triple. */
export interface Triple {
  player_lookup: string;
  game_id: string;
  system_id: string;
}

/** Triples per recompute round trip. */
const TRIPLES_PER_CHUNK = 5_000;

/**
 * Serialize is_active maintenance per date across sessions (sorted order, no deadlock). Taken at
 * the start of every transaction that changes predictions or actuals of those dates.
 */
export async function lockActiveDates(client: PoolClient, dates: Iterable<IsoDate>): Promise<void> {
  const sorted = [...new Set(dates)].sort();
  for (const date of sorted) {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1)::bigint)', [
      `propgrade:active:${date}`,
    ]);
  }
}

async function versionsOf(client: PoolClient, triples: readonly Triple[]) {
  const { rows } = await client.query(
    `SELECT ${columnList(PREDICTION_COLUMNS, 'p')}
     FROM predictions p
     JOIN unnest($1::text[], $2::text[], $3::text[]) AS t(player_lookup, game_id, system_id)
       ON p.player_lookup = t.player_lookup AND p.game_id = t.game_id AND p.system_id = t.system_id`,
    [
      triples.map((t) => t.player_lookup),
      triples.map((t) => t.game_id),
      triples.map((t) => t.system_id),
    ],
  );
  return rows.map(toStoredPrediction);
}

async function actualsOfGames(client: PoolClient, gameIds: readonly string[]) {
  const { rows } = await client.query('SELECT * FROM actuals WHERE game_id = ANY($1::text[])', [
    gameIds,
  ]);
  return rows.map(toActualRow);
}

async function recomputeChunk(client: PoolClient, triples: readonly Triple[]): Promise<IsoDate[]> {
  const versions = await versionsOf(client, triples);
  const gameIds = [...new Set(triples.map((t) => t.game_id))];
  const active = activeVersionIds(versions, gameStartsFrom(await actualsOfGames(client, gameIds)));
  const toClear = versions.filter((v) => v.isActive && !active.has(v.predictionId));
  const toSet = versions.filter((v) => !v.isActive && active.has(v.predictionId));
  if (toClear.length > 0) {
    await client.query(
      'UPDATE predictions SET is_active = false WHERE prediction_id = ANY($1::text[])',
      [toClear.map((v) => v.predictionId)],
    );
  }
  if (toSet.length > 0) {
    await client.query(
      'UPDATE predictions SET is_active = true WHERE prediction_id = ANY($1::text[])',
      [toSet.map((v) => v.predictionId)],
    );
  }
  return [...toClear, ...toSet].map((v) => v.gameDate);
}

/** Recompute is_active of `triples`; returns the dates whose is_active changed. */
export async function recomputeActive(
  client: PoolClient,
  triples: readonly Triple[],
): Promise<Set<IsoDate>> {
  const changed = new Set<IsoDate>();
  for (const chunk of chunked(triples, TRIPLES_PER_CHUNK)) {
    for (const date of await recomputeChunk(client, chunk)) changed.add(date);
  }
  return changed;
}

/** Every triple with a version in one of `gameIds`. */
export async function triplesOfGames(
  client: PoolClient,
  gameIds: readonly string[],
): Promise<Triple[]> {
  const { rows } = await client.query<Triple>(
    `SELECT DISTINCT player_lookup, game_id, system_id FROM predictions WHERE game_id = ANY($1::text[])`,
    [gameIds],
  );
  return rows;
}

/**
 * Triples of the dates with more than one active version (NULL-safe: the triple's columns are
 * never NULL and the line is not part of it, so a NULL line cannot hide a duplicate).
 */
export async function activeConflicts(
  client: PoolClient,
  dates: readonly IsoDate[],
): Promise<ActiveConflict[]> {
  const { rows } = await client.query<ActiveConflict>(
    `SELECT player_lookup AS "playerLookup", game_id AS "gameId", system_id AS "systemId",
       game_date AS "gameDate", count(*)::int AS active
     FROM predictions WHERE game_date = ANY($1::date[]) AND is_active
     GROUP BY player_lookup, game_id, system_id, game_date HAVING count(*) > 1
     ORDER BY game_date, game_id COLLATE "C", player_lookup COLLATE "C", system_id COLLATE "C"`,
    [dates],
  );
  return rows;
}
