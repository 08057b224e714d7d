/**
 * Hand-made rows for the Store contract: prediction versions, actual rows, graded rows and
 * performance rows with plain defaults, each overridden per test. Graded rows are built here, not
 * by the domain grader, so that store tests depend only on the port.
 */
import { randomUUID } from 'node:crypto';
import type {
  ActualRow,
  DailyPerformance,
  GradedRow,
  IsoDate,
  PredictionVersion,
} from '../../src/domain/types.js';
import type { NewRun } from '../../src/store/store.js';

/** A short unique id with a readable prefix. */
export function uid(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** `date` at `hhmm` UTC as a store timestamp, e.g. `at('2030-01-01', '16:00')`. */
export function at(date: IsoDate, hhmm: string): string {
  return `${date}T${hhmm}:00.000Z`;
}

/** A prediction version (OVER 20.5, predicted 22.1, created at noon UTC of its date). */
export function version(overrides: Partial<PredictionVersion> = {}): PredictionVersion {
  const gameDate = overrides.gameDate ?? '2030-01-01';
  return {
    predictionId: uid('pred'),
    systemId: 'sys_a',
    playerLookup: 'player_one',
    gameId: `game-${gameDate}`,
    gameDate,
    lineValue: 20.5,
    predictedPoints: 22.1,
    confidenceScore: 0.1 + 0.2,
    recommendation: 'OVER',
    createdAt: at(gameDate, '12:00'),
    modelVersion: 'm1',
    oddsAmerican: -110,
    isWithdrawn: false,
    ...overrides,
  };
}

/** A final box-score line (25 points in 31.5 minutes). */
export function actual(overrides: Partial<ActualRow> = {}): ActualRow {
  const gameDate = overrides.gameDate ?? '2030-01-01';
  return {
    playerLookup: 'player_one',
    gameId: `game-${gameDate}`,
    gameDate,
    points: 25,
    minutesPlayed: 31.5,
    isDnp: false,
    teamAbbr: 'BOS',
    opponentTeamAbbr: 'NYK',
    injuryStatus: null,
    gameStartAt: null,
    gameStatus: 'final',
    ...overrides,
  };
}

/** A graded row: OVER 20.5, predicted 22.1, actual 25, correct. */
export function graded(overrides: Partial<GradedRow> = {}): GradedRow {
  const gameDate = overrides.gameDate ?? '2030-01-01';
  return {
    playerLookup: 'player_one',
    gameId: `game-${gameDate}`,
    systemId: 'sys_a',
    lineValue: 20.5,
    gameDate,
    predictionId: uid('pred'),
    teamAbbr: 'BOS',
    opponentTeamAbbr: 'NYK',
    predictedPoints: 22.1,
    confidenceScore: 0.1 + 0.2,
    confidenceDecile: 4,
    recommendation: 'OVER',
    actualPoints: 25,
    minutesPlayed: 31.5,
    absoluteError: 2.8999999999999986,
    signedError: -2.8999999999999986,
    predictionCorrect: true,
    predictedMargin: 1.6000000000000014,
    actualMargin: 4.5,
    within3Points: true,
    within5Points: true,
    isVoided: false,
    voidReason: null,
    modelVersion: 'm1',
    oddsAmerican: -110,
    profitUnits: 100 / 110,
    ...overrides,
  };
}

/** `count` graded rows of one date with distinct players (distinct business keys). */
export function gradedRows(gameDate: IsoDate, count: number, systemId = 'sys_a'): GradedRow[] {
  return Array.from({ length: count }, (_, i) =>
    graded({ gameDate, systemId, playerLookup: `player_${String(i).padStart(6, '0')}` }),
  );
}

/** A performance row with one correct bet. */
export function performance(overrides: Partial<DailyPerformance> = {}): DailyPerformance {
  return {
    gameDate: '2030-01-01',
    systemId: 'sys_a',
    predictions: 1,
    graded: 1,
    correct: 1,
    incorrect: 0,
    pushes: 0,
    voided: 0,
    noLine: 0,
    hitRate: 1,
    mae: 2.8999999999999986,
    bias: 2.8999999999999986,
    overGraded: 1,
    overCorrect: 1,
    underGraded: 0,
    underCorrect: 0,
    within3Rate: 1,
    within5Rate: 1,
    profitUnits: 100 / 110,
    roi: 100 / 110,
    ...overrides,
  };
}

/** A new run record in status `running`. */
export function newRun(gameDate: IsoDate, overrides: Partial<NewRun> = {}): NewRun {
  const runId = overrides.runId ?? uid('run');
  return {
    runId,
    gameDate,
    trigger: 'manual',
    triggerSource: 'contract-test',
    correlationId: null,
    holder: `test-host:${process.pid}/${runId}`,
    lockMode: 'none',
    status: 'running',
    ...overrides,
  };
}

/** Every item of a batched async stream, with the batch sizes seen. */
export async function collect<T>(
  stream: AsyncIterable<T[]>,
): Promise<{ items: T[]; batches: number[] }> {
  const items: T[] = [];
  const batches: number[] = [];
  for await (const batch of stream) {
    items.push(...batch);
    batches.push(batch.length);
  }
  return { items, batches };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

/** ISO timestamp shape the store must return: `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
