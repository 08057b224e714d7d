/**
 * The embedded SQLite store: one file, many processes on one machine. Safety comes from SQLite's
 * single writer (BEGIN IMMEDIATE for every read-then-write), WAL for readers that never block the
 * writer, and the fence claim inside each write transaction.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { AccuracyRow, StoredPrediction } from '../../domain/types.js';
import type { DateRange, Store } from '../store.js';
import * as alerts from './alerts.js';
import * as checks from './checks.js';
import { cleanupMethods } from './cleanup.js';
import { SqliteConnection } from './connection.js';
import * as fences from './fences.js';
import * as history from './history.js';
import * as ingest from './ingest.js';
import { appendMaintenance, readGuardState } from './metadata.js';
import { migrate } from './migrate.js';
import * as queries from './queries.js';
import { replacePartition } from './replace-partition.js';
import * as runs from './runs.js';
import { openDateSnapshot } from './snapshot.js';
import * as staging from './staging.js';
import { mergeBatch } from './staging-merge.js';

/** Open the SQLite store at `file` (created if missing). Call `migrate()` before use. */
export function createSqliteStore(file: string): Store & { readonly connection: SqliteConnection } {
  const path = resolve(file);
  const conn = SqliteConnection.open(path);
  const read = <T>(fn: (db: SqliteConnection['db']) => T) => conn.read(fn);
  const write = <T>(fn: (db: SqliteConnection['db']) => T) => conn.immediate(fn);
  return {
    connection: conn,
    identity: { kind: 'sqlite', database: path, schema: 'main', redactedUrl: `sqlite:${path}` },
    capabilities: { bulkInsert: 'chunked-insert', canTerminatePausedWriter: false },
    migrate: () => migrate(conn),
    ping: () => read((db) => void db.prepare('SELECT 1').get()),
    close: async () => conn.close(),
    now: async () => new Date().toISOString(),
    ingestPredictions: (versions, batchId) =>
      write((db) => ingest.ingestPredictions(db, versions, batchId)),
    upsertActuals: (rows) => write((db) => ingest.upsertActuals(db, rows)),
    knownGameDates: (ids) => read((db) => ingest.knownGameDates(db, ids)),
    stageBatch: (req) => write((db) => staging.stageBatch(db, req)),
    mergeBatch: (req) => mergeBatch(conn, req),
    listBatches: (filter) => read((db) => staging.listBatches(db, filter)),
    openDateSnapshot: (gameDate) => openDateSnapshot(path, gameDate),
    streamPredictions: (gameDate, size = 10_000) =>
      pages<StoredPrediction>(conn, (db, after) =>
        queries.predictionPage(db, gameDate, after, size),
      ),
    readActuals: (gameDate) => read((db) => queries.readActuals(db, gameDate)),
    latestInputChanges: (range) => read((db) => queries.latestInputChanges(db, range)),
    insertRun: (run) => write((db) => runs.insertRun(db, run)),
    updateRun: (runId, patch) => write((db) => runs.updateRun(db, runId, patch)),
    getRun: (runId) => read((db) => runs.getRun(db, runId)),
    listRuns: (filter) => read((db) => runs.listRuns(db, filter)),
    readFence: (resource, scope) => read((db) => fences.readFence(db, resource, scope)),
    bumpFence: (resource, scope, runId, atLeast) =>
      write((db) => fences.bumpFence(db, resource, scope, runId, atLeast)),
    replacePartition: (req) => replacePartition(conn, req),
    duplicateSummary: (range, top = 20) => read((db) => queries.duplicateSummary(db, range, top)),
    insertValidation: (record) => write((db) => insertValidation(db, record)),
    streamAccuracy: (range: DateRange & { systemId?: string }, size = 10_000) =>
      accuracyByDate(conn, range, size),
    readPerformance: (range) => read((db) => queries.readPerformance(db, range)),
    guardState: () => read((db) => readGuardState(db)),
    logMaintenance: (action, details) => write((db) => appendMaintenance(db, action, details)),
    tableDigest: (table, gameDate) => read((db) => queries.tableDigest(db, table, gameDate)),
    listValidations: (filter) => read((db) => history.listValidations(db, filter)),
    runAggregates: (bounds) => read((db) => history.runAggregates(db, bounds)),
    alertCounts: () => read((db) => history.alertCounts(db)),
    duplicatesByDate: (range) => read((db) => history.duplicatesByDate(db, range)),
    decideAlert: (fingerprint, decide) =>
      write((db) => alerts.decideAlert(db, fingerprint, decide)),
    updateAlert: (alertId, patch) => write((db) => alerts.updateAlert(db, alertId, patch)),
    listAlerts: (filter) => read((db) => alerts.listAlerts(db, filter)),
    gameFacts: (range) => read((db) => checks.gameFacts(db, range)),
    gradedRowCounts: (range) => read((db) => checks.gradedRowCounts(db, range)),
    predictionDatesBefore: (before, limit) =>
      read((db) => checks.predictionDatesBefore(db, before, limit)),
    activeDuplicates: (range, top = 20) => read((db) => checks.activeDuplicates(db, range, top)),
    ...cleanupMethods(conn),
  };
}

async function* accuracyByDate(
  conn: SqliteConnection,
  range: DateRange & { systemId?: string },
  size: number,
): AsyncIterable<AccuracyRow[]> {
  for (const date of await conn.read((db) => queries.accuracyDates(db, range))) {
    yield* pages<AccuracyRow>(conn, (db, after) =>
      queries.accuracyPage(db, date, range.systemId, after, size),
    );
  }
}

async function* pages<T>(
  conn: SqliteConnection,
  page: (db: SqliteConnection['db'], after: number) => { rows: T[]; last: number },
): AsyncIterable<T[]> {
  let after = 0;
  for (;;) {
    const { rows, last } = await conn.read((db) => page(db, after));
    if (rows.length === 0) return;
    yield rows;
    after = last;
    await yieldLoop();
  }
}

function insertValidation(
  db: SqliteConnection['db'],
  record: Parameters<Store['insertValidation']>[0],
): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO validation_results (validation_id, kind, run_id, date_from, date_to, status, result, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    record.kind,
    record.runId,
    record.from,
    record.to,
    record.status,
    JSON.stringify(record.result),
    new Date().toISOString(),
  );
  return id;
}
