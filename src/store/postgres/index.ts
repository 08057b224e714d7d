/**
 * The PostgreSQL implementation of the Store port: `createPostgresStore(url)`. The URL may carry
 * `?schema=name` (default `public`). Each operation lives in its own file beside this one.
 */
import type { ActualRow, IsoDate, PredictionVersion } from '../../domain/types.js';
import type {
  DateRange,
  FenceResource,
  NewRun,
  ReplacePartitionRequest,
  RunFilter,
  RunPatch,
  Store,
  StoreCapabilities,
  StoreTable,
  ValidationRecord,
} from '../store.js';
import { knownGameDates, readActuals, upsertActuals } from './actuals.js';
import * as alerts from './alerts.js';
import * as checks from './checks.js';
import { cleanupMethods } from './cleanup.js';
import { tableDigest } from './digest.js';
import { duplicateSummary } from './duplicates.js';
import { bumpFence, readFence } from './fence-ops.js';
import * as history from './history.js';
import { ingestPredictions } from './ingest.js';
import { latestInputChanges } from './input-changes.js';
import { guardState, insertValidation, logMaintenance, storeNow } from './metadata.js';
import { migrate } from './migrate.js';
import { readPerformance } from './performance.js';
import { createPgContext, type PgContext, type PostgresStoreOptions } from './pool.js';
import { replacePartition } from './replace-partition.js';
import { getRun, insertRun, listRuns, updateRun } from './runs.js';
import { openDateSnapshot } from './snapshot.js';
import * as staging from './staging.js';
import { mergeBatch } from './staging-merge.js';
import { streamAccuracy, streamPredictions } from './streams.js';

export type { PostgresStoreOptions } from './pool.js';

const CAPABILITIES: StoreCapabilities = { bulkInsert: 'copy', canTerminatePausedWriter: true };

/** Create a Store on a PostgreSQL database; no connection is made until the first operation. */
export function createPostgresStore(url: string, options: PostgresStoreOptions = {}): Store {
  const ctx: PgContext = createPgContext(url, options);
  let closed: Promise<void> | undefined;
  return {
    identity: ctx.identity,
    capabilities: CAPABILITIES,
    migrate: () => migrate(ctx),
    ping: () => ctx.withClient(async (c) => void (await c.query('SELECT 1'))),
    close: () => {
      closed ??= ctx.pool.end().catch(() => undefined);
      return closed;
    },
    now: () => storeNow(ctx),
    ingestPredictions: (versions: readonly PredictionVersion[], batchId: string) =>
      ingestPredictions(ctx, versions, batchId),
    upsertActuals: (rows: readonly ActualRow[]) => upsertActuals(ctx, rows),
    knownGameDates: (gameIds: readonly string[]) => knownGameDates(ctx, gameIds),
    stageBatch: (req) => staging.stageBatch(ctx, req),
    mergeBatch: (req) => mergeBatch(ctx, req),
    listBatches: (filter) => staging.listBatches(ctx, filter),
    openDateSnapshot: (gameDate: IsoDate) => openDateSnapshot(ctx, gameDate),
    streamPredictions: (gameDate: IsoDate, batchSize?: number) =>
      streamPredictions(ctx, gameDate, batchSize),
    readActuals: (gameDate: IsoDate) => readActuals(ctx, gameDate),
    latestInputChanges: (range: DateRange) => latestInputChanges(ctx, range),
    insertRun: (run: NewRun) => insertRun(ctx, run),
    updateRun: (runId: string, patch: RunPatch) => updateRun(ctx, runId, patch),
    getRun: (runId: string) => getRun(ctx, runId),
    listRuns: (filter?: RunFilter) => listRuns(ctx, filter),
    readFence: (resource: FenceResource, scope: string) => readFence(ctx, resource, scope),
    bumpFence: (resource: FenceResource, scope: string, runId: string | null, atLeast?: number) =>
      bumpFence(ctx, resource, scope, runId, atLeast),
    replacePartition: (req: ReplacePartitionRequest) => replacePartition(ctx, req),
    duplicateSummary: (range: DateRange, top?: number) => duplicateSummary(ctx, range, top),
    insertValidation: (record: ValidationRecord) => insertValidation(ctx, record),
    streamAccuracy: (range: DateRange & { systemId?: string }, batchSize?: number) =>
      streamAccuracy(ctx, range, batchSize),
    readPerformance: (range: DateRange & { systemId?: string }) => readPerformance(ctx, range),
    guardState: () => guardState(ctx),
    logMaintenance: (action: string, details: unknown) => logMaintenance(ctx, action, details),
    tableDigest: (table: StoreTable, gameDate?: IsoDate) => tableDigest(ctx, table, gameDate),
    listValidations: (filter) => history.listValidations(ctx, filter),
    runAggregates: (bounds) => history.runAggregates(ctx, bounds),
    alertCounts: () => history.alertCounts(ctx),
    duplicatesByDate: (range) => history.duplicatesByDate(ctx, range),
    decideAlert: (fingerprint, decide) => alerts.decideAlert(ctx, fingerprint, decide),
    updateAlert: (alertId, patch) => alerts.updateAlert(ctx, alertId, patch),
    listAlerts: (filter) => alerts.listAlerts(ctx, filter),
    gameFacts: (range) => checks.gameFacts(ctx, range),
    gradedRowCounts: (range) => checks.gradedRowCounts(ctx, range),
    predictionDatesBefore: (before, limit) => checks.predictionDatesBefore(ctx, before, limit),
    activeDuplicates: (range, top = 20) => checks.activeDuplicates(ctx, range, top),
    ...cleanupMethods(ctx),
  };
}
