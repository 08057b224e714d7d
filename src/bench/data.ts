/**
 * A fast, deterministic generator of benchmark inputs in the exact file format of `ingest
 * predictions` and `ingest actuals`. A date of N predictions has N distinct (player, game,
 * system) triples, one version each, so grading it writes exactly N rows: 12 systems, 24 players
 * per game (12 a side), as many games as N needs. About 3% of lines are NULL, 5% of
 * recommendations PASS, 4% of players did not play, one system reports confidence on 0–100.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Prediction systems per date. */
export const SYSTEMS = 12;
/** Players per game (two teams of 12). */
export const PLAYERS_PER_GAME = 24;

const PREDICTION_HEADER =
  'system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,confidence_score,odds_american,created_at,is_active,model_version';
const ACTUAL_HEADER =
  'player_lookup,game_id,game_date,points,minutes_played,is_dnp,injury_status,team_abbr,opponent_team_abbr,game_start_at,game_status';

/** Rows buffered before one write to the file. */
const ROWS_PER_WRITE = 20_000;

/** A seeded 32-bit generator (xorshift32): the same seed gives the same sequence. */
export class BenchRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x2545f491) >>> 0 || 1;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4_294_967_296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

/** The files written for a set of dates and what they hold. */
export interface BenchFiles {
  predictionsFile: string;
  actualsFile: string;
  predictions: number;
  actuals: number;
  dates: string[];
}

/** Games one date of `predictions` rows needs. */
export function gamesFor(predictions: number): number {
  return Math.ceil(predictions / (SYSTEMS * PLAYERS_PER_GAME));
}

function gameIdOf(date: string, game: number): string {
  return `${date.replaceAll('-', '')}_G${String(game).padStart(4, '0')}`;
}

function teamOf(game: number, side: number): string {
  return `T${String(game * 2 + side).padStart(4, '0')}`;
}

/** Buffered line writer over a file descriptor (the header first). */
export class LineFile {
  private readonly fd: number;
  private lines: string[] = [];

  constructor(path: string, header: string) {
    this.fd = openSync(path, 'w');
    this.lines.push(header);
  }

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length >= ROWS_PER_WRITE) this.flush();
  }

  flush(): void {
    if (this.lines.length) writeSync(this.fd, `${this.lines.join('\n')}\n`);
    this.lines = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

function lineValueOf(rnd: BenchRandom): number | null {
  if (rnd.next() < 0.03) return null;
  return rnd.int(5, 34) + (rnd.next() < 0.85 ? 0.5 : 0);
}

function recommendationOf(rnd: BenchRandom, line: number | null, predicted: number): string {
  if (line === null) return 'NO_LINE';
  if (rnd.next() < 0.05) return 'PASS';
  return predicted > line ? 'OVER' : 'UNDER';
}

function oddsOf(rnd: BenchRandom): string {
  const u = rnd.next();
  if (u < 0.7) return '';
  return u < 0.9 ? String(-rnd.int(105, 130)) : String(rnd.int(100, 150));
}

function predictionLine(rnd: BenchRandom, date: string, i: number): string {
  const system = i % SYSTEMS;
  const playerGame = Math.floor(i / SYSTEMS);
  const game = Math.floor(playerGame / PLAYERS_PER_GAME);
  const line = lineValueOf(rnd);
  const predicted = Math.max(0, (line ?? 15) + rnd.int(-80, 80) / 10);
  const confidence = 0.5 + rnd.int(0, 45) / 100;
  const created = `${date}T${String(12 + (i % 6)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;
  return [
    `sys_${String(system).padStart(2, '0')}`,
    `pl${playerGame}`,
    gameIdOf(date, game),
    date,
    line === null ? '' : String(line),
    predicted.toFixed(1),
    recommendationOf(rnd, line, predicted),
    system === 0 ? (confidence * 100).toFixed(1) : confidence.toFixed(2),
    oddsOf(rnd),
    created,
    'true',
    `v1.${system}`,
  ].join(',');
}

function actualLine(rnd: BenchRandom, date: string, playerGame: number): string {
  const game = Math.floor(playerGame / PLAYERS_PER_GAME);
  const side = playerGame % PLAYERS_PER_GAME < PLAYERS_PER_GAME / 2 ? 0 : 1;
  const dnp = rnd.next() < 0.04;
  const points = dnp ? '' : String(rnd.int(0, 42));
  const minutes = dnp ? '' : String(rnd.int(8, 40));
  return [
    `pl${playerGame}`,
    gameIdOf(date, game),
    date,
    points,
    minutes,
    dnp ? 'true' : 'false',
    dnp ? (rnd.next() < 0.5 ? 'OUT' : 'QUESTIONABLE') : '',
    teamOf(game, side),
    teamOf(game, 1 - side),
    `${date}T23:30:00Z`,
    'final',
  ].join(',');
}

/**
 * Write one predictions file and one actuals file holding `perDate` predictions for each of
 * `dates` (and every player's box score), deterministically from `seed`.
 */
export function writeBenchFiles(
  dir: string,
  label: string,
  dates: readonly string[],
  perDate: number,
  seed = 20260110,
): BenchFiles {
  const rnd = new BenchRandom(seed);
  const predictionsFile = join(dir, `predictions_${label}.csv`);
  const actualsFile = join(dir, `actuals_${label}.csv`);
  const predictions = new LineFile(predictionsFile, PREDICTION_HEADER);
  const actuals = new LineFile(actualsFile, ACTUAL_HEADER);
  const playerGames = gamesFor(perDate) * PLAYERS_PER_GAME;
  for (const date of dates) {
    for (let i = 0; i < perDate; i++) predictions.push(predictionLine(rnd, date, i));
    for (let p = 0; p < playerGames; p++) actuals.push(actualLine(rnd, date, p));
  }
  predictions.close();
  actuals.close();
  return {
    predictionsFile,
    actualsFile,
    predictions: perDate * dates.length,
    actuals: playerGames * dates.length,
    dates: [...dates],
  };
}
