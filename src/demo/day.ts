/**
 * One game date of the demo slate: its schedule, every player-game with line and box score, and
 * every prediction version of every system. A date's content depends only on the seed, the date
 * and whether its reserve game is postponed, never on the other dates of the slate.
 */
import type { IsoDate } from '../domain/types.js';
import { buildPlayerGame, type PlayerGame } from './outcomes.js';
import { planPairFeatures } from './plan.js';
import { buildVersions, type PredictionRow, type VersionExtras } from './predictions.js';
import { SeededRandom } from './random.js';
import type { Team } from './roster.js';
import { type ScheduledGame, scheduleDate } from './schedule.js';
import { PREDICTION_SYSTEMS, type SystemProfile } from './systems.js';
import { timestampAt } from './time.js';

/** Everything generated for one date. */
export interface GeneratedDay {
  date: IsoDate;
  games: ScheduledGame[];
  /** The game whose actuals say `postponed`, if this date has one. */
  postponedGameId: string | null;
  playerGames: PlayerGame[];
  predictions: PredictionRow[];
}

const STREAM_SCHEDULE = 1;
const STREAM_PLAYERS = 2;
const STREAM_PREDICTIONS = 3;

/** Days since 1970-01-01 of a calendar date. */
export function dayNumber(date: IsoDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

function buildPlayerGames(
  games: readonly ScheduledGame[],
  postponedGameId: string | null,
  seed: number,
  day: number,
): PlayerGame[] {
  const random = SeededRandom.derive(seed, day, STREAM_PLAYERS);
  const reserveGame = games[games.length - 1]!.gameId;
  const pairs = games.flatMap((game) =>
    [...game.away.players, ...game.home.players].map((player) => ({ player, game })),
  );
  const reserved = new Set(pairs.flatMap((p, i) => (p.game.gameId === reserveGame ? [i] : [])));
  const features = planPairFeatures(pairs.length, reserved, day, random);
  return pairs.map(({ player, game }, i) =>
    buildPlayerGame(player, game, features[i]!, random, game.gameId === postponedGameId),
  );
}

interface Triple {
  system: SystemProfile;
  pg: PlayerGame;
}

function pickForced(triples: readonly Triple[], reserveGame: string, random: SeededRandom) {
  const eligible = triples.flatMap((t, i) => (t.pg.game.gameId === reserveGame ? [] : [i]));
  const [stale, withdrawn, late] = random.shuffle(eligible);
  return { stale, withdrawn, late };
}

function buildPredictions(
  date: IsoDate,
  playerGames: readonly PlayerGame[],
  reserveGame: string,
  seed: number,
  day: number,
): PredictionRow[] {
  const random = SeededRandom.derive(seed, day, STREAM_PREDICTIONS);
  const batchAt = new Map(
    PREDICTION_SYSTEMS.map((s) => [
      s,
      timestampAt(date, s.batchHourUtc * 60 + random.int(0, 50), random.int(0, 59)),
    ]),
  );
  const triples = playerGames.flatMap((pg) =>
    PREDICTION_SYSTEMS.filter((system) => random.chance(system.coverage)).map((system) => ({
      system,
      pg,
    })),
  );
  const forced = pickForced(triples, reserveGame, random);
  return triples.flatMap(({ system, pg }, i) => {
    const extras: VersionExtras = {
      stale: i === forced.stale || random.chance(0.03),
      withdrawn: i === forced.withdrawn || random.chance(0.01),
      late: i === forced.late || random.chance(0.005),
    };
    return buildVersions(system, pg, batchAt.get(system)!, extras, random);
  });
}

/** Generate one date; `postponeReserveGame` marks its latest-starting game as postponed. */
export function generateDay(
  date: IsoDate,
  seed: number,
  league: readonly Team[],
  postponeReserveGame: boolean,
): GeneratedDay {
  const day = dayNumber(date);
  const games = scheduleDate(date, league, SeededRandom.derive(seed, day, STREAM_SCHEDULE));
  const reserveGame = games[games.length - 1]!.gameId;
  const postponedGameId = postponeReserveGame ? reserveGame : null;
  const playerGames = buildPlayerGames(games, postponedGameId, seed, day);
  const predictions = buildPredictions(date, playerGames, reserveGame, seed, day);
  return { date, games, postponedGameId, playerGames, predictions };
}
