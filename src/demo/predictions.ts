/**
 * The prediction versions one system delivers for one player-game: the version grading should
 * select, plus the noise real producers add (a stale earlier version, a version on the line
 * before it moved, a withdrawn version, a version created after tip-off).
 */
import type { IsoDate, IsoTimestamp, Recommendation } from '../domain/types.js';
import type { PlayerGame } from './outcomes.js';
import type { SeededRandom } from './random.js';
import type { SystemProfile } from './systems.js';
import { shiftTimestamp } from './time.js';

/** Why a version exists; `current` is the one source selection is expected to pick. */
export const VERSION_KINDS = ['current', 'stale', 'superseded', 'withdrawn', 'late'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** One row of the predictions file, with the reason it was generated. */
export interface PredictionRow {
  kind: VersionKind;
  systemId: string;
  playerLookup: string;
  gameId: string;
  gameDate: IsoDate;
  lineValue: number | null;
  predictedPoints: number;
  recommendation: Recommendation;
  confidenceScore: number | null;
  oddsAmerican: number | null;
  createdAt: IsoTimestamp;
  isActive: boolean;
  modelVersion: string | null;
}

/** Extra versions to add around the current one. */
export interface VersionExtras {
  stale: boolean;
  withdrawn: boolean;
  late: boolean;
}

const ODDS_PRICES = [-110, -110, -115, -120, -105, 105, 110] as const;

function predictPoints(system: SystemProfile, pg: PlayerGame, random: SeededRandom): number {
  const centre = system.seesMatchup ? pg.gameMean : pg.player.seasonMean;
  const foreseen = system.insight * pg.surprise;
  const value = centre + foreseen + system.bias + random.normal(0, system.noise);
  return Math.max(0, Math.round(value * 10) / 10);
}

function recommend(system: SystemProfile, line: number | null, predicted: number): Recommendation {
  if (line === null) return 'NO_LINE';
  const edge = predicted - line;
  if (Math.abs(edge) < system.passEdge) return 'PASS';
  return edge > 0 ? 'OVER' : 'UNDER';
}

function confidence(
  system: SystemProfile,
  line: number | null,
  predicted: number,
  random: SeededRandom,
): number | null {
  if (system.confidenceScale === 'none' || line === null) return null;
  const edge = Math.abs(predicted - line);
  const raw = edge < system.passEdge ? 0.3 : 0.5 + 0.06 * edge;
  const unit = Math.min(0.99, Math.max(0.05, raw + random.normal(0, 0.06)));
  return system.confidenceScale === 'percent'
    ? Math.round(unit * 100)
    : Math.round(unit * 100) / 100;
}

function makeVersion(
  kind: VersionKind,
  system: SystemProfile,
  pg: PlayerGame,
  line: number | null,
  createdAt: IsoTimestamp,
  random: SeededRandom,
): PredictionRow {
  const predictedPoints = predictPoints(system, pg, random);
  const recommendation = recommend(system, line, predictedPoints);
  const isBet = recommendation === 'OVER' || recommendation === 'UNDER';
  return {
    kind,
    systemId: system.systemId,
    playerLookup: pg.player.lookup,
    gameId: pg.game.gameId,
    gameDate: pg.game.gameDate,
    lineValue: line,
    predictedPoints,
    recommendation,
    confidenceScore: confidence(system, line, predictedPoints, random),
    oddsAmerican: isBet && random.chance(system.oddsShare) ? random.pick(ODDS_PRICES) : null,
    createdAt,
    isActive: kind !== 'withdrawn',
    modelVersion: system.modelVersion,
  };
}

/** Every version `system` delivers for `pg`, its daily batch having run at `batchAt`. */
export function buildVersions(
  system: SystemProfile,
  pg: PlayerGame,
  batchAt: IsoTimestamp,
  extras: VersionExtras,
  random: SeededRandom,
): PredictionRow[] {
  const rows: PredictionRow[] = [];
  let currentAt = batchAt;
  if (pg.lineMovedAt !== null) {
    rows.push(makeVersion('superseded', system, pg, pg.openingLine, batchAt, random));
    currentAt = shiftTimestamp(pg.lineMovedAt, random.int(5, 30), random.int(0, 59));
  }
  const line = pg.closingLine;
  if (extras.stale) {
    const staleAt = shiftTimestamp(currentAt, -random.int(60, 240), random.int(0, 59));
    rows.push(makeVersion('stale', system, pg, line, staleAt, random));
  }
  rows.push(makeVersion('current', system, pg, line, currentAt, random));
  if (extras.withdrawn) {
    const withdrawnAt = shiftTimestamp(currentAt, random.int(10, 45), random.int(0, 59));
    rows.push(makeVersion('withdrawn', system, pg, line, withdrawnAt, random));
  }
  if (extras.late) {
    const lateAt = shiftTimestamp(pg.game.startAt, random.int(5, 90), random.int(0, 59));
    rows.push(makeVersion('late', system, pg, line, lateAt, random));
  }
  return rows;
}
