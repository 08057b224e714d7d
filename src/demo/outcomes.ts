/**
 * What happened to each player in each game: the market line (possibly moved during the day or
 * absent), and the box score (played, did not play in its two spellings, no row at all, or the
 * whole game postponed).
 */
import type { InjuryStatus, IsoTimestamp } from '../domain/types.js';
import type { SeededRandom } from './random.js';
import type { Player } from './roster.js';
import type { ScheduledGame } from './schedule.js';
import { timestampAt } from './time.js';

/** How a did-not-play is written: `is_dnp=true` without a stat line, or 0 points in 0 minutes. */
export const DNP_STYLES = ['flagged', 'zero_minutes'] as const;
export type DnpStyle = (typeof DNP_STYLES)[number];

/** A player's box score for one game, as the demo decided it. */
export type Outcome =
  | { kind: 'played'; points: number; minutes: number; injuryStatus: InjuryStatus | null }
  | { kind: 'dnp'; style: DnpStyle; injuryStatus: InjuryStatus | null }
  | { kind: 'missing' }
  | { kind: 'postponed' };

/** One player in one game, with everything the predictions and actuals are made from. */
export interface PlayerGame {
  player: Player;
  game: ScheduledGame;
  opponentAbbr: string;
  /** The player's true expected points in this game. */
  gameMean: number;
  /** Points scored minus gameMean (0 without a stat line): what good systems partly foresee. */
  surprise: number;
  /** The line when the systems' batches ran; null when the player had no prop line. */
  openingLine: number | null;
  /** The line at tip-off: differs from the opening line only when it moved. */
  closingLine: number | null;
  /** When the line moved; null when it did not. */
  lineMovedAt: IsoTimestamp | null;
  outcome: Outcome;
}

/** Special treatment a player-game receives. */
export type PairFeature =
  | { kind: 'plain' }
  | { kind: 'dnp'; style: DnpStyle; injuryStatus: InjuryStatus | null }
  | { kind: 'no_line' }
  | { kind: 'moved_line' }
  | { kind: 'push' }
  | { kind: 'missing_actual' };

const LINE_MOVES = [-2, -1, 1, 2] as const;

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

function marketLine(gameMean: number, integer: boolean, random: SeededRandom): number {
  const centre = gameMean + random.normal(0, 1.2);
  return integer ? clamp(Math.round(centre), 6, 35) : clamp(Math.floor(centre) + 0.5, 5.5, 35.5);
}

function movedLine(opening: number, random: SeededRandom): number {
  const move = random.pick(LINE_MOVES);
  const low = Number.isInteger(opening) ? 6 : 5.5;
  const high = Number.isInteger(opening) ? 35 : 35.5;
  const up = opening + move;
  return up >= low && up <= high ? up : opening - move;
}

function playedOutcome(
  player: Player,
  gameMean: number,
  random: SeededRandom,
  injuryStatus: InjuryStatus | null,
): Outcome {
  const points = Math.max(0, Math.round(random.normal(gameMean, 0.22 * gameMean + 2.5)));
  const minutes = clamp(Math.round(random.normal(player.minutesMean, 3.5)), 15, 40);
  return { kind: 'played', points, minutes, injuryStatus };
}

function outcomeFor(
  feature: PairFeature,
  player: Player,
  gameMean: number,
  random: SeededRandom,
): Outcome {
  if (feature.kind === 'dnp') return feature;
  if (feature.kind === 'missing_actual') return { kind: 'missing' };
  const status = random.chance(0.05) ? random.pick(['QUESTIONABLE', 'PROBABLE'] as const) : null;
  return playedOutcome(player, gameMean, random, status);
}

/** Build one player-game with its line and box score; `postponed` overrides the box score. */
export function buildPlayerGame(
  player: Player,
  game: ScheduledGame,
  feature: PairFeature,
  random: SeededRandom,
  postponed: boolean,
): PlayerGame {
  const opponentAbbr = player.teamAbbr === game.away.abbr ? game.home.abbr : game.away.abbr;
  const gameMean = Math.max(2, player.seasonMean * random.normal(1, 0.1));
  const integer = feature.kind === 'push' || random.chance(0.06);
  const openingLine = feature.kind === 'no_line' ? null : marketLine(gameMean, integer, random);
  const moved = feature.kind === 'moved_line' && openingLine !== null;
  const closingLine = moved ? movedLine(openingLine, random) : openingLine;
  const lineMovedAt = moved ? timestampAt(game.gameDate, 20 * 60 + random.int(0, 90)) : null;
  let outcome = outcomeFor(feature, player, gameMean, random);
  if (feature.kind === 'push' && outcome.kind === 'played' && closingLine !== null) {
    outcome = { ...outcome, points: closingLine };
  }
  if (postponed) outcome = { kind: 'postponed' };
  const surprise = outcome.kind === 'played' ? outcome.points - gameMean : 0;
  return {
    player,
    game,
    opponentAbbr,
    gameMean,
    surprise,
    openingLine,
    closingLine,
    lineMovedAt,
    outcome,
  };
}
