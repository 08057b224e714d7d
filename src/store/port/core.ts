/** The core of the Store port: schema, ingest, reads, the run ledger, fences, the fenced
 * partition replace, duplicates, performance, guard state and digests. */
import type {
  AccuracyRow,
  ActualRow,
  DailyPerformance,
  GradedRow,
  IsoDate,
  IsoTimestamp,
  LockMode,
  PredictionVersion,
  RunStatus,
  StoredPrediction,
  Trigger,
} from '../../domain/types.js';

export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Tables a digest can be taken of (tests and validate compare them). */
export const STORE_TABLES = [
  'predictions',
  'actuals',
  'prediction_accuracy',
  'system_daily_performance',
  'grading_runs',
] as const;
export type StoreTable = (typeof STORE_TABLES)[number];

/** Resource names for write fences. */
export const FENCE_RESOURCES = ['prediction_accuracy', 'predictions'] as const;
export type FenceResource = (typeof FENCE_RESOURCES)[number];

export interface StoreIdentity {
  kind: StoreKind;
  /** Database file path (SQLite) or database name (PostgreSQL). */
  database: string;
  /** Schema (PostgreSQL) or 'main' (SQLite). */
  schema: string;
  /** URL with any password redacted, for messages. */
  redactedUrl: string;
}

export interface StoreCapabilities {
  /** Bulk insert path used by replacePartition, for docs and benchmarks. */
  bulkInsert: 'chunked-insert' | 'copy';
  /** True when a paused writer's session can be terminated by the next holder. */
  canTerminatePausedWriter: boolean;
}

/** How the writer claims the partition's fence inside the write transaction. */
export type FenceClaim =
  /** A lease's token: accepted if greater than the stored fence, or equal with the same run id. */
  | { mode: 'lease'; token: number; runId: string }
  /** No lease (`--lock none`): the store issues stored + 1 inside the transaction. */
  | { mode: 'store'; runId: string };

export interface NewRun {
  runId: string;
  gameDate: IsoDate;
  trigger: Trigger;
  triggerSource: string | null;
  correlationId: string | null;
  holder: string;
  lockMode: LockMode;
  status: RunStatus;
}

export interface RunRecord extends NewRun {
  startedAt: IsoTimestamp;
  lockAcquiredAt: IsoTimestamp | null;
  finishedAt: IsoTimestamp | null;
  rowsDeleted: number | null;
  rowsWritten: number | null;
  sourceDuplicatesDropped: number | null;
  supersededLines: number | null;
  latePredictions: number | null;
  pendingGames: string[] | null;
  duplicateKeys: number | null;
  validationId: string | null;
  fenceToken: number | null;
  lockWaitMs: number | null;
  error: string | null;
}

/** Fields of a run that may change after insert. `finishedAt: 'now'` stamps the store clock. */
export type RunPatch = Partial<
  Omit<RunRecord, 'runId' | 'gameDate' | 'trigger' | 'startedAt' | 'lockAcquiredAt' | 'finishedAt'>
> & { lockAcquiredAt?: 'now'; finishedAt?: 'now' };

export interface RunFilter {
  gameDate?: IsoDate;
  from?: IsoDate;
  to?: IsoDate;
  status?: RunStatus;
  limit?: number;
}

/** Graded rows to write: an array, or chunks produced while the write runs (consumed once). */
export type GradedRowSource = readonly GradedRow[] | AsyncIterable<readonly GradedRow[]>;

export interface ReplacePartitionRequest {
  gameDate: IsoDate;
  runId: string;
  fence: FenceClaim;
  /** Consumed once, inside the write transaction; a source that throws rolls the write back. */
  rows: GradedRowSource;
  /** The date's performance rows, or a function called once every row has been consumed. */
  performance: readonly DailyPerformance[] | (() => readonly DailyPerformance[]);
  /** Applied to the run inside the same transaction (status, counts, fence token). */
  runPatch: RunPatch;
  /** Throws (LockLostError) when the lease is no longer valid: called between chunks and before COMMIT. */
  checkLease?: () => void;
}

export interface ReplacePartitionResult {
  rowsDeleted: number;
  rowsWritten: number;
  fenceToken: number;
  gradedAt: IsoTimestamp;
}

export interface DuplicateKey {
  playerLookup: string;
  gameId: string;
  systemId: string;
  lineValue: number | null;
  gameDate: IsoDate;
  count: number;
  gradedAt: IsoTimestamp[];
  runIds: (string | null)[];
}

export interface DuplicateSummary {
  duplicateKeys: number;
  duplicateRows: number;
  top: DuplicateKey[];
}

export interface DateRange {
  from?: IsoDate;
  to?: IsoDate;
}

export interface ValidationRecord {
  kind: 'post_write' | 'daily_check';
  runId: string | null;
  from: IsoDate;
  to: IsoDate;
  status: 'ok' | 'warning' | 'critical';
  result: unknown;
}

export interface IngestPredictionsResult {
  versionsAdded: number;
  /** Dates whose versions or is_active changed. */
  datesTouched: IsoDate[];
}

export interface UpsertActualsResult {
  inserted: number;
  updated: number;
  datesTouched: IsoDate[];
}

export interface GuardState {
  installed: boolean;
  changedAt: IsoTimestamp | null;
  reason: string | null;
}

export interface FenceState {
  fence: number;
  runId: string | null;
}

/**
 * One date's grading inputs read from a single consistent snapshot of the store, so that every
 * pass over them sees the same versions even while other connections write. Read-only.
 */
export interface DateSnapshot {
  readonly gameDate: IsoDate;
  /** The date's actual rows. */
  readonly actuals: readonly ActualRow[];
  /** How many versions the date has in this snapshot (withdrawn included). */
  readonly versionCount: number;
  /**
   * Every version of the date (withdrawn included) ordered by game_id, player_lookup, system_id
   * in byte order, in batches; each call streams the same snapshot again. One stream at a time.
   */
  versions(batchSize?: number): AsyncIterable<PredictionVersion[]>;
  /** End the snapshot (idempotent). */
  close(): Promise<void>;
}

export interface TableDigest {
  rows: number;
  sha256: string;
}

/** The core of the Store port: schema, ingest, reads, the run ledger, fences, the fenced
 * partition replace, duplicates, performance, guard state and digests. — the port's methods. */
export interface CoreStore {
  readonly identity: StoreIdentity;
  readonly capabilities: StoreCapabilities;

  /** Create or migrate the schema; idempotent and safe when several processes run it at once. */
  migrate(): Promise<{ applied: number[]; guardWarning: string | null }>;
  /** Cheap round trip (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The store's clock. */
  now(): Promise<IsoTimestamp>;

  /** Insert versions (the same prediction_id or (business key, created_at) twice is one version) and recompute is_active of the affected triples, in one transaction. The direct path without staging or lease: it takes store-issued fences (stored + 1) of its dates. `ingest predictions` uses stageBatch + mergeBatch. */
  ingestPredictions(
    versions: readonly PredictionVersion[],
    batchId: string,
  ): Promise<IngestPredictionsResult>;
  /** Upsert actuals by (player_lookup, game_id) and recompute is_active of predictions of their games, in one transaction. Throws InputError on a game_id under another date. */
  upsertActuals(rows: readonly ActualRow[]): Promise<UpsertActualsResult>;
  /** The stored date of each given game id (from predictions or actuals), for conflict checks. */
  knownGameDates(gameIds: readonly string[]): Promise<Map<string, IsoDate>>;

  /** Per date with inputs in the range: the newest first_seen_at of its predictions or updated_at of its actuals. */
  latestInputChanges(range: DateRange): Promise<Map<IsoDate, IsoTimestamp>>;

  /** Every stored version of a date (withdrawn included), in batches. */
  streamPredictions(gameDate: IsoDate, batchSize?: number): AsyncIterable<StoredPrediction[]>;
  readActuals(gameDate: IsoDate): Promise<ActualRow[]>;
  /** Open a consistent, read-only snapshot of a date's inputs; close it when done. */
  openDateSnapshot(gameDate: IsoDate): Promise<DateSnapshot>;

  insertRun(run: NewRun): Promise<RunRecord>;
  updateRun(runId: string, patch: RunPatch): Promise<void>;
  getRun(runId: string): Promise<RunRecord | null>;
  listRuns(filter?: RunFilter): Promise<RunRecord[]>;

  /** The stored write fence of a partition (the lock's fence floor). */
  readFence(resource: FenceResource, scope: string): Promise<FenceState>;
  /**
   * Advance a partition's fence outside any write (force release): to stored + 1, or to `atLeast`
   * when higher (the removed lease's token, so that its holder's late write is refused). Returns it.
   */
  bumpFence(
    resource: FenceResource,
    scope: string,
    runId: string | null,
    atLeast?: number,
  ): Promise<number>;

  /** The fenced, atomic replace of one date of prediction_accuracy (SPEC section 4 step 3). */
  replacePartition(req: ReplacePartitionRequest): Promise<ReplacePartitionResult>;

  /** NULL-safe duplicate keys of prediction_accuracy in a range (all dates when empty). */
  duplicateSummary(range: DateRange, top?: number): Promise<DuplicateSummary>;
  insertValidation(record: ValidationRecord): Promise<string>;

  streamAccuracy(
    range: DateRange & { systemId?: string },
    batchSize?: number,
  ): AsyncIterable<AccuracyRow[]>;
  readPerformance(range: DateRange & { systemId?: string }): Promise<DailyPerformance[]>;

  guardState(): Promise<GuardState>;
  /** Maintenance log entry (imports, dedupes, restores, guard changes, force releases). */
  logMaintenance(action: string, details: unknown): Promise<void>;

  /** Row count and a content checksum of a table (optionally one date), ordered deterministically. */
  tableDigest(table: StoreTable, gameDate?: IsoDate): Promise<TableDigest>;
}
