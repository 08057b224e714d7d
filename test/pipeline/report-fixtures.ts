/**
 * Generated graded rows and ledger rows for the report and cleanup tests: rows are appended
 * through the store's own `appendAccuracy` (store-issued fences, no performance recompute, so a
 * half-million rows load in seconds); ledger rows get historical times through test-only SQL.
 */
import Database from 'better-sqlite3';
import type { AccuracyRow, IsoDate } from '../../src/domain/types.js';
import type { NewRun, PerformanceRecompute, Store } from '../../src/store/store.js';

/** A recompute that leaves performance alone (the report never reads it). */
export const skipRecompute: PerformanceRecompute = async () => [];

/** The systems rows are spread over. */
export const SYSTEMS = ['ensemble_v1', 'moving_avg', 'similarity', 'xgboost_v1', 'zone_matchup'];

/** A graded row; key `i` of the date: every 7th key has no line. */
export function generatedRow(
  gameDate: IsoDate,
  i: number,
  stamp: { runId: string | null; gradedAt: string },
): AccuracyRow {
  const lineValue = i % 7 === 0 ? null : 10 + (i % 20) + 0.5;
  const won = i % 9 < 4;
  return {
    playerLookup: `player_${i}`,
    gameId: `${gameDate}_g${i % 15}`,
    systemId: SYSTEMS[i % SYSTEMS.length]!,
    lineValue,
    gameDate,
    predictionId: `pred_${gameDate}_${i}`,
    teamAbbr: 'BOS',
    opponentTeamAbbr: 'NYK',
    predictedPoints: 20,
    confidenceScore: 0.6,
    confidenceDecile: 7,
    recommendation: lineValue === null ? 'NO_LINE' : 'OVER',
    actualPoints: 22,
    minutesPlayed: 30,
    absoluteError: 2,
    signedError: -2,
    predictionCorrect: lineValue === null ? null : won,
    predictedMargin: null,
    actualMargin: null,
    within3Points: true,
    within5Points: true,
    isVoided: false,
    voidReason: null,
    modelVersion: 'v1',
    oddsAmerican: -110,
    profitUnits: lineValue === null ? 0 : won ? 100 / 110 : -1,
    gradedAt: stamp.gradedAt,
    runId: stamp.runId,
    fenceToken: 1,
  };
}

/** A graded row (OVER 20.5, correct) of run r1 graded at 08:00, with overrides. */
export function accuracyRow(overrides: Partial<AccuracyRow> = {}): AccuracyRow {
  return {
    playerLookup: 'p1',
    gameId: 'g1',
    systemId: 'sys_a',
    lineValue: 20.5,
    gameDate: '2026-01-10',
    predictionId: 'pred-1',
    teamAbbr: null,
    opponentTeamAbbr: null,
    predictedPoints: 22,
    confidenceScore: null,
    confidenceDecile: null,
    recommendation: 'OVER',
    actualPoints: 25,
    minutesPlayed: 30,
    absoluteError: 3,
    signedError: -3,
    predictionCorrect: true,
    predictedMargin: 1.5,
    actualMargin: 4.5,
    within3Points: true,
    within5Points: true,
    isVoided: false,
    voidReason: null,
    modelVersion: null,
    oddsAmerican: -110,
    profitUnits: 100 / 110,
    gradedAt: '2026-01-11T08:00:00.000Z',
    runId: 'r1',
    fenceToken: 1,
    ...overrides,
  };
}

/** Append rows in chunks, through the store, dropping the guard so duplicates can be held. */
export async function appendRows(
  store: Store,
  rows: Iterable<AccuracyRow>,
  chunkRows = 50_000,
): Promise<void> {
  let chunk: AccuracyRow[] = [];
  const flush = async () => {
    const dates = [...new Set(chunk.map((r) => r.gameDate))];
    const result = await store.appendAccuracy({
      fences: dates.map((gameDate) => ({ gameDate, claim: { mode: 'store', runId: 'fixture' } })),
      rows: chunk,
      rowsRepeatKeys: true,
      allowGuardDrop: true,
      recompute: skipRecompute,
      log: { action: 'import', details: { operationId: 'fixture' } },
    });
    if (result.outcome !== 'appended') throw new Error('fixture rows were rejected');
    chunk = [];
  };
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length >= chunkRows) await flush();
  }
  if (chunk.length > 0) await flush();
}

/** A ledger row with given times (test-only SQL on a SQLite store file). */
export interface PastRun extends Pick<NewRun, 'runId' | 'gameDate' | 'trigger' | 'lockMode'> {
  startedAt: string;
  lockAcquiredAt: string | null;
  finishedAt: string;
  status?: 'succeeded' | 'failed';
}

/** Insert past runs into a SQLite store's ledger. */
export async function insertPastRuns(store: Store, file: string, runs: PastRun[]): Promise<void> {
  for (const run of runs) {
    await store.insertRun({
      ...run,
      triggerSource: 'fixture',
      correlationId: null,
      holder: `fixture:1/${run.runId}`,
      status: 'running',
    });
  }
  const db = new Database(file);
  try {
    const update = db.prepare(
      `UPDATE grading_runs SET started_at = ?, lock_acquired_at = ?, finished_at = ?, status = ?
       WHERE run_id = ?`,
    );
    for (const r of runs)
      update.run(r.startedAt, r.lockAcquiredAt, r.finishedAt, r.status ?? 'succeeded', r.runId);
  } finally {
    db.close();
  }
}
