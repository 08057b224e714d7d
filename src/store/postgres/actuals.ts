/**
 * Actuals: upsert by (player_lookup, game_id) in one transaction — refusing a game_id stored
 * under another date — then recompute is_active of the predictions of the changed games.
 * Also the reads of actuals and of the known date of each game.
 */
import type { PoolClient } from 'pg';
import type { ActualRow, IsoDate } from '../../domain/types.js';
import { InputError } from '../../errors.js';
import type { UpsertActualsResult } from '../store.js';
import { lockActiveDates, recomputeActive, triplesOfGames } from './active.js';
import type { PgContext } from './pool.js';
import { toActualRow } from './rows.js';
import { STORE_CLOCK } from './sql.js';
import { chunked, INSERT_CHUNK_ROWS, insertViaUnnest, type UnnestColumn } from './unnest.js';

const UPSERT_COLUMNS: readonly UnnestColumn[] = [
  { name: 'player_lookup', type: 'text' },
  { name: 'game_id', type: 'text' },
  { name: 'game_date', type: 'date' },
  { name: 'points', type: 'int4' },
  { name: 'minutes_played', type: 'float8' },
  { name: 'is_dnp', type: 'bool' },
  { name: 'team_abbr', type: 'text' },
  { name: 'opponent_team_abbr', type: 'text' },
  { name: 'injury_status', type: 'text' },
  { name: 'game_start_at', type: 'timestamptz' },
  { name: 'game_status', type: 'text' },
];

const UPDATABLE = UPSERT_COLUMNS.slice(2).map((c) => c.name);

/** Only rows whose content changes are updated (and get a new updated_at). */
const UPSERT_TAIL = `ON CONFLICT (player_lookup, game_id) DO UPDATE SET
  ${UPDATABLE.map((c) => `${c} = excluded.${c}`).join(', ')},
  updated_at = ${STORE_CLOCK}
  WHERE (${UPDATABLE.map((c) => `actuals.${c}`).join(', ')})
    IS DISTINCT FROM (${UPDATABLE.map((c) => `excluded.${c}`).join(', ')})
  RETURNING (xmax = 0) AS inserted, game_id, game_date`;

/** The stored date of each game id, from actuals and predictions (one transaction's view). */
async function storedGameDates(
  client: PoolClient,
  gameIds: readonly string[],
): Promise<Map<string, IsoDate>> {
  const { rows } = await client.query<{ game_id: string; game_date: IsoDate }>(
    `SELECT game_id, game_date FROM actuals WHERE game_id = ANY($1::text[])
     UNION SELECT game_id, game_date FROM predictions WHERE game_id = ANY($1::text[])`,
    [gameIds],
  );
  return new Map(rows.map((r) => [r.game_id, r.game_date]));
}

function assertOneDatePerGame(
  rows: readonly ActualRow[],
  stored: ReadonlyMap<string, IsoDate>,
): void {
  const seen = new Map(stored);
  for (const row of rows) {
    const known = seen.get(row.gameId);
    if (known !== undefined && known !== row.gameDate) {
      throw new InputError(`game_id ${row.gameId} is stored under ${known}, not ${row.gameDate}`, {
        field: 'game_id',
      });
    }
    seen.set(row.gameId, row.gameDate);
  }
}

function lastPerKey(rows: readonly ActualRow[]): ActualRow[] {
  const byKey = new Map<string, ActualRow>();
  for (const row of rows) byKey.set(JSON.stringify([row.playerLookup, row.gameId]), row);
  return [...byKey.values()];
}

function upsertValues(r: ActualRow): unknown[] {
  return [
    r.playerLookup,
    r.gameId,
    r.gameDate,
    r.points,
    r.minutesPlayed,
    r.isDnp,
    r.teamAbbr,
    r.opponentTeamAbbr,
    r.injuryStatus,
    r.gameStartAt,
    r.gameStatus,
  ];
}

interface UpsertedRow {
  inserted: boolean;
  game_id: string;
  game_date: IsoDate;
}

async function upsertRows(client: PoolClient, rows: readonly ActualRow[]): Promise<UpsertedRow[]> {
  const out: UpsertedRow[] = [];
  const cols = [...UPSERT_COLUMNS, { name: 'updated_at', type: 'timestamptz' }];
  const clock = await client.query<{ now: string }>(`SELECT ${STORE_CLOCK} AS now`);
  for (const chunk of chunked(rows, INSERT_CHUNK_ROWS)) {
    const values = chunk.map((r) => [...upsertValues(r), clock.rows[0]!.now]);
    const result = await insertViaUnnest<UpsertedRow>(client, 'actuals', cols, values, UPSERT_TAIL);
    out.push(...result.rows);
  }
  return out;
}

/** Upsert actuals and recompute is_active of their games' predictions, in one transaction. */
export function upsertActuals(
  ctx: PgContext,
  rows: readonly ActualRow[],
): Promise<UpsertActualsResult> {
  return ctx.withTransaction(async (client) => {
    const unique = lastPerKey(rows);
    await lockActiveDates(
      client,
      unique.map((r) => r.gameDate),
    );
    const gameIds = [...new Set(unique.map((r) => r.gameId))];
    assertOneDatePerGame(unique, await storedGameDates(client, gameIds));
    const changed = await upsertRows(client, unique);
    const changedGames = [...new Set(changed.map((r) => r.game_id))];
    const activeDates = await recomputeActive(client, await triplesOfGames(client, changedGames));
    const inserted = changed.filter((r) => r.inserted).length;
    const dates = new Set<IsoDate>([...changed.map((r) => r.game_date), ...activeDates]);
    return { inserted, updated: changed.length - inserted, datesTouched: [...dates].sort() };
  });
}

/** Every actual row of a date, ordered by game then player. */
export function readActuals(ctx: PgContext, gameDate: IsoDate): Promise<ActualRow[]> {
  return ctx.withClient(async (client) => {
    const { rows } = await client.query(
      `SELECT * FROM actuals WHERE game_date = $1::date
       ORDER BY game_id COLLATE "C", player_lookup COLLATE "C"`,
      [gameDate],
    );
    return rows.map(toActualRow);
  });
}

/** The stored date of each given game id (from predictions or actuals). */
export function knownGameDates(
  ctx: PgContext,
  gameIds: readonly string[],
): Promise<Map<string, IsoDate>> {
  return ctx.withClient((client) => storedGameDates(client, [...new Set(gameIds)]));
}
