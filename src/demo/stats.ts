/**
 * Counts of what the slate generator produced, including the figures grading is expected to
 * report for them (source duplicates, superseded lines, late predictions, pushes).
 */
import type { InjuryStatus } from '../domain/types.js';
import type { GeneratedDay } from './day.js';
import type { PlayerGame } from './outcomes.js';
import type { PredictionRow } from './predictions.js';

/** Injury status of a did-not-play, `NONE` when the report had none. */
export type DnpStatusLabel = InjuryStatus | 'NONE';

/** What a generated slate contains. */
export interface SlateStats {
  dates: number;
  games: number;
  postponedGames: number;
  playerGames: number;
  actualRows: number;
  predictionRows: number;
  /** (player, game, system) triples: one `current` version each. */
  triples: number;
  /** Earlier versions of a current business key: `sourceDuplicatesDropped` under `latest`. */
  staleVersions: number;
  /** Versions on a line that later moved: `supersededLines` under `latest`. */
  supersededVersions: number;
  /** Player-games whose line moved during the day. */
  movedLines: number;
  withdrawnVersions: number;
  /** Versions created after their game started: `latePredictions`. */
  lateVersions: number;
  noLineRows: number;
  passRows: number;
  overRows: number;
  underRows: number;
  oddsRows: number;
  dnpByStatus: Record<DnpStatusLabel, number>;
  /** DNPs written `is_dnp=true` with no stat line. */
  dnpFlagged: number;
  /** DNPs written as 0 points in 0 minutes. */
  dnpZeroMinutes: number;
  /** Player-games predicted but absent from the actuals file (`dnp_unknown`). */
  missingActuals: number;
  playedWithInjuryStatus: number;
  integerLines: number;
  /** Current OVER/UNDER rows whose actual equals the line: the pushes grading should count. */
  pushesExpected: number;
}

function countWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.reduce((n, item) => (test(item) ? n + 1 : n), 0);
}

function dnpStats(playerGames: readonly PlayerGame[]) {
  const dnpByStatus: Record<DnpStatusLabel, number> = {
    OUT: 0,
    DOUBTFUL: 0,
    QUESTIONABLE: 0,
    PROBABLE: 0,
    NONE: 0,
  };
  let dnpFlagged = 0;
  for (const { outcome } of playerGames) {
    if (outcome.kind !== 'dnp') continue;
    dnpByStatus[outcome.injuryStatus ?? 'NONE'] += 1;
    if (outcome.style === 'flagged') dnpFlagged += 1;
  }
  const dnps = Object.values(dnpByStatus).reduce((a, b) => a + b, 0);
  return { dnpByStatus, dnpFlagged, dnpZeroMinutes: dnps - dnpFlagged };
}

function isPush(row: PredictionRow, pg: PlayerGame | undefined): boolean {
  const bet = row.recommendation === 'OVER' || row.recommendation === 'UNDER';
  const outcome = pg?.outcome;
  return bet && outcome?.kind === 'played' && outcome.points === row.lineValue;
}

function predictionStats(rows: readonly PredictionRow[], playerGames: readonly PlayerGame[]) {
  const byPair = new Map(playerGames.map((pg) => [`${pg.player.lookup}|${pg.game.gameId}`, pg]));
  const kind = (k: PredictionRow['kind']) => countWhere(rows, (r) => r.kind === k);
  const recommended = (r: string) => countWhere(rows, (row) => row.recommendation === r);
  return {
    predictionRows: rows.length,
    triples: kind('current'),
    staleVersions: kind('stale'),
    supersededVersions: kind('superseded'),
    withdrawnVersions: kind('withdrawn'),
    lateVersions: kind('late'),
    noLineRows: countWhere(rows, (r) => r.lineValue === null),
    passRows: recommended('PASS'),
    overRows: recommended('OVER'),
    underRows: recommended('UNDER'),
    oddsRows: countWhere(rows, (r) => r.oddsAmerican !== null),
    pushesExpected: countWhere(
      rows,
      (r) => r.kind === 'current' && isPush(r, byPair.get(`${r.playerLookup}|${r.gameId}`)),
    ),
  };
}

function playerGameStats(playerGames: readonly PlayerGame[]) {
  const outcome = (k: PlayerGame['outcome']['kind']) =>
    countWhere(playerGames, (pg) => pg.outcome.kind === k);
  return {
    playerGames: playerGames.length,
    actualRows: playerGames.length - outcome('missing'),
    missingActuals: outcome('missing'),
    movedLines: countWhere(playerGames, (pg) => pg.lineMovedAt !== null),
    integerLines: countWhere(
      playerGames,
      (pg) => pg.closingLine !== null && Number.isInteger(pg.closingLine),
    ),
    playedWithInjuryStatus: countWhere(
      playerGames,
      (pg) => pg.outcome.kind === 'played' && pg.outcome.injuryStatus !== null,
    ),
    ...dnpStats(playerGames),
  };
}

/** Count everything generated over the days of a slate. */
export function slateStats(days: readonly GeneratedDay[]): SlateStats {
  const playerGames = days.flatMap((d) => d.playerGames);
  const predictions = days.flatMap((d) => d.predictions);
  return {
    dates: days.length,
    games: days.reduce((n, d) => n + d.games.length, 0),
    postponedGames: countWhere(days, (d) => d.postponedGameId !== null),
    ...playerGameStats(playerGames),
    ...predictionStats(predictions, playerGames),
  };
}
