/**
 * The Store port: every operation the pipeline needs from a database. Two implementations live
 * beside this file (`sqlite/`, `postgres/`) with the same file names, and one contract suite in
 * `test/store/contract.ts` runs against both. Backend differences are `capabilities`, never
 * `if (kind === ...)` in pipeline code.
 *
 * Rules every implementation keeps:
 * - Numbers are IEEE doubles; keys are compared NULL-safe on `line_value`.
 * - `replacePartition` is one transaction: fence check first (it serializes writers of a date),
 *   delete, chunked insert, performance rows, run update; a crash leaves the date all old or all new.
 * - Clocks (`graded_at`, `computed_at`, `started_at`) are the store's own.
 */
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
} from '../domain/types.js';

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

export interface ReplacePartitionRequest {
  gameDate: IsoDate;
  runId: string;
  fence: FenceClaim;
  rows: readonly GradedRow[];
  performance: readonly DailyPerformance[];
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

export interface TableDigest {
  rows: number;
  sha256: string;
}

// --- Service history (serve: /metrics and the dashboard; src/store/<backend>/history.ts) ---

/** One stored validation result (post-write or daily check). */
export interface ValidationEntry extends ValidationRecord {
  validationId: string;
  createdAt: IsoTimestamp;
}

/** Which validation results to list (newest first); `limit` defaults to 50. */
export interface ValidationFilter {
  kind?: ValidationRecord['kind'];
  limit?: number;
}

/** A histogram over ledger values: `buckets[i]` counts observations ≤ `boundsMs[i]` (cumulative). */
export interface LedgerHistogram {
  count: number;
  sumMs: number;
  buckets: number[];
}

/** Ledger runs of one (trigger, status): counts, sums and histograms of duration, lock wait, hold. */
export interface RunAggregate {
  trigger: Trigger;
  status: RunStatus;
  runs: number;
  rowsWritten: number;
  duplicateKeys: number;
  /** `finished_at - started_at` of runs that finished. */
  duration: LedgerHistogram;
  /** `lock_wait_ms` of runs that recorded one. */
  lockWait: LedgerHistogram;
  /** Hold windows `[lock_acquired_at (started_at for --lock none), finished_at]`. */
  hold: LedgerHistogram;
}

/** Stored alerts of one (event, outcome). */
export interface AlertCount {
  event: string;
  outcome: string;
  alerts: number;
}

/** NULL-safe key counts of prediction_accuracy for one date. */
export interface DateDuplicates {
  gameDate: IsoDate;
  rows: number;
  uniqueKeys: number;
  duplicateKeys: number;
  duplicateRows: number;
}

// --- Consolidation of prediction batches (ingest predictions; src/store/<backend>/staging*.ts) ---

/** Batch registry statuses: in staging (not merged yet), merged, or refused by the merge's checks. */
export const BATCH_STATUSES = ['staged', 'merged', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** A row of the batch registry (`batches`) with the number of its rows still in staging. */
export interface BatchRecord {
  batchId: string;
  sha256: string;
  status: BatchStatus;
  /** Versions in the batch (distinct versions of its file). */
  rows: number;
  /** The batch's game dates, sorted (the consolidation leases it needs). */
  dates: IsoDate[];
  /** `<host>:<pid>/<run id>` of the producer that staged (or last resumed) the batch. */
  holder: string | null;
  createdAt: IsoTimestamp;
  /** Last change of the registry row (staged, resumed, merged, failed). */
  updatedAt: IsoTimestamp;
  mergedAt: IsoTimestamp | null;
  versionsAdded: number | null;
  error: string | null;
  stagedRows: number;
}

/** A producer's batch: registered and written to staging in one transaction. */
export interface StageBatchRequest {
  batchId: string;
  /** SHA-256 of the batch's content: the same id with another sha256 is bad input. */
  sha256: string;
  holder: string;
  versions: readonly PredictionVersion[];
}

/** `staged`: new; `resumed`: registered earlier with the same content, not merged; `already_merged`: a no-op. */
export interface StageBatchResult {
  outcome: 'staged' | 'resumed' | 'already_merged';
  batch: BatchRecord;
}

/** The fence claim of one date's consolidation lease. */
export interface DateFenceClaim {
  gameDate: IsoDate;
  claim: FenceClaim;
}

/** The fenced merge of one staged batch into `predictions`. */
export interface MergeBatchRequest {
  batchId: string;
  /** One claim per date of the batch. */
  fences: readonly DateFenceClaim[];
  /** Keep the staging rows after a successful merge. */
  keepStaging: boolean;
  /** Throws (LockLostError) when a lease is no longer valid: called between chunks and before COMMIT. */
  checkLease?: () => void;
}

export interface MergeBatchResult {
  outcome: 'merged' | 'already_merged';
  versionsAdded: number;
  /** Dates whose versions or is_active changed. */
  datesTouched: IsoDate[];
  /** The fence each date was written with. */
  fences: { gameDate: IsoDate; fence: number }[];
}

// --- Alerts and the daily check (validate; src/store/<backend>/alerts.ts and checks.ts) ---

/**
 * Stored alert outcomes: `sending` (decided, delivery in flight), `sent`, `suppressed`, `failed`,
 * `resolved`, and `logged` (no webhook configured: logged and stored only).
 */
export const ALERT_OUTCOMES = [
  'sending',
  'sent',
  'suppressed',
  'failed',
  'resolved',
  'logged',
] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

/** An alert record before the store gives it an id and a time. */
export interface NewAlert {
  event: string;
  /** `<event>:<table>:<scope>`. */
  fingerprint: string;
  tableName: string;
  /** A date, or a window `from..to`. */
  scope: string;
  severity: number;
  /** What escalation compares: a count per measure (per critical check, or per event). */
  measures: Record<string, number>;
  outcome: AlertOutcome;
  attempts: number;
  /** The plain-text message (never the webhook URL). */
  message: string;
  error: string | null;
}

/** A stored alert. */
export interface AlertRecord extends NewAlert {
  alertId: string;
  createdAt: IsoTimestamp;
}

/** What the suppression rules need to know about one fingerprint. */
export interface AlertHistory {
  /** The fingerprint's newest record of any outcome, or null. */
  latest: AlertRecord | null;
  /** Its newest `sent`, `sending` or `logged` record after its newest `resolved` one, or null. */
  lastNotified: AlertRecord | null;
}

/** Picks the record to store from a fingerprint's history and the store clock; null stores nothing. */
export type AlertDecision = (history: AlertHistory, now: IsoTimestamp) => NewAlert | null;

/** Which alerts to list (newest first); `limit` defaults to 100. */
export interface AlertFilter {
  fingerprint?: string;
  limit?: number;
}

/** Per (date, game) with selected predictions or actual rows: the counts the daily check needs. */
export interface GameFacts {
  gameDate: IsoDate;
  gameId: string;
  /** Versions with is_active (the selected predictions). */
  activePredictions: number;
  actualRows: number;
  /** Actual rows whose game_status is `postponed`. */
  postponedRows: number;
}

/** One (player, game, system) with more than one active version. */
export interface ActiveDuplicate {
  gameDate: IsoDate;
  gameId: string;
  playerLookup: string;
  systemId: string;
  count: number;
  predictionIds: string[];
}

/** Triples with more than one active version, and the top ones by count. */
export interface ActiveDuplicateSummary {
  triples: number;
  top: ActiveDuplicate[];
}

// --- Cleanup: import, dedupe, backups, restore (src/store/<backend>/import.ts, backups.ts, dedupe.ts, restore.ts) ---

/** Backup tables: `prediction_accuracy_backup_<yyyymmddthhmmss>[_n]`, lower case (identifiers, never parameters). */
export const BACKUP_TABLE_PATTERN = /^prediction_accuracy_backup_\d{8}t\d{6}(?:_[1-9]\d{0,3})?$/;

/** A NULL-safe business key of prediction_accuracy and the date of the row carrying it. */
export interface AccuracyKey {
  playerLookup: string;
  gameId: string;
  systemId: string;
  lineValue: number | null;
  gameDate: IsoDate;
}

/** The performance rows of one date from every graded row it holds (fed inside the write transaction). */
export type PerformanceRecompute = (
  gameDate: IsoDate,
  rows: AsyncIterable<readonly AccuracyRow[]>,
) => Promise<DailyPerformance[]>;

/** A maintenance log entry (imports, dedupes, restores, backups, guard changes). */
export interface MaintenanceEntry {
  action: string;
  details: Record<string, unknown>;
}

/** A stored maintenance log entry. */
export interface MaintenanceRecord extends MaintenanceEntry {
  id: number;
  createdAt: IsoTimestamp;
}

/** What every fenced maintenance write of several dates carries. */
export interface MaintenanceWrite {
  /** One claim per date written; claimed in date order inside the transaction. */
  fences: readonly DateFenceClaim[];
  /** Recomputes each written date's performance from all its rows, in the same transaction. */
  recompute: PerformanceRecompute;
  /** Throws (LockLostError) when a lease is no longer valid: called between chunks and before COMMIT. */
  checkLease?: () => void;
  /** Appended to the maintenance log in the same transaction (the store adds its counts). */
  log: MaintenanceEntry;
}

/** Rows appended as given (`import accuracy`); every row's date has a fence claim. */
export interface AppendAccuracyRequest extends MaintenanceWrite {
  rows: readonly AccuracyRow[];
  /** The rows repeat a key among themselves, so the guard cannot stay installed. */
  rowsRepeatKeys: boolean;
  /** The guard may be dropped when the rows need it (`--drop-guard`). */
  allowGuardDrop: boolean;
}

/** `rejected`: the guard is installed, the rows need it dropped, that is not allowed; nothing written. */
export type AppendAccuracyResult =
  | { outcome: 'rejected'; collisions: AccuracyKey[] }
  | { outcome: 'appended'; rowsWritten: number; guardDropped: boolean };

/** A backup table as recorded in the maintenance log (`backup_created`). */
export interface BackupInfo {
  table: string;
  createdAt: IsoTimestamp;
  dates: IsoDate[];
  rows: number;
  /** What took it (`dedupe`). */
  purpose: string;
  operationId: string;
}

/** A backup of the fenced dates' rows. */
export interface CreateBackupRequest {
  fences: readonly DateFenceClaim[];
  purpose: string;
  operationId: string;
  checkLease?: () => void;
}

/** A stored row with an opaque reference to it, valid inside the transaction that read it. */
export interface AccuracyRowRef {
  ref: string;
  row: AccuracyRow;
}

/** Picks the references of the rows to delete from every row of the dates (read in the transaction). */
export type DeletionChooser = (rows: AsyncIterable<readonly AccuracyRowRef[]>) => Promise<string[]>;

/** NULL-safe counts: rows and distinct business keys. */
export interface KeyCounts {
  rows: number;
  uniqueKeys: number;
}

/** The cleaning transaction of `dedupe` over the fenced dates (none: only the guard check). */
export interface DedupeDatesRequest extends MaintenanceWrite {
  /** The backup of these dates just taken: their row count must still equal its count. */
  backup: BackupInfo | null;
  choose: DeletionChooser;
}

export interface DedupeDatesResult {
  /** Counts over the fenced dates. */
  before: KeyCounts;
  after: KeyCounts;
  removed: number;
  /** The guard is installed at commit (by this transaction, or already). */
  guardInstalled: boolean;
}

/** Put a backup's dates back exactly as backed up; every date of the backup has a fence claim. */
export interface RestoreBackupRequest extends MaintenanceWrite {
  backup: BackupInfo;
}

export interface RestoreBackupResult {
  rowsDeleted: number;
  rowsRestored: number;
  guardDropped: boolean;
}

/** The Store port. All methods may throw UnavailableError when the database cannot be reached. */
export interface Store {
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

  // --- Consolidation of prediction batches (ingest predictions) ---
  /** Register a batch and write its staging rows, in one transaction. InputError when the id is registered with another sha256. */
  stageBatch(req: StageBatchRequest): Promise<StageBatchResult>;
  /**
   * In one transaction fenced on `predictions` of every date of the batch: add its versions, recompute
   * is_active of its triples, verify at most one active version per triple on those dates (else
   * ActiveVersionConflictError, exit 6), mark it merged, drop its staging rows. A batch refused by a
   * check is marked `failed` with its staging kept.
   */
  mergeBatch(req: MergeBatchRequest): Promise<MergeBatchResult>;
  /** Registered batches (optionally of one status), oldest first. */
  listBatches(filter?: { status?: BatchStatus }): Promise<BatchRecord[]>;

  // --- Service history (serve) ---
  /** Stored validation results, newest first. */
  listValidations(filter?: ValidationFilter): Promise<ValidationEntry[]>;
  /** The whole ledger grouped by (trigger, status), histograms over the given bucket bounds. */
  runAggregates(boundsMs: readonly number[]): Promise<RunAggregate[]>;
  /** Stored alerts counted by (event, outcome). */
  alertCounts(): Promise<AlertCount[]>;
  /** Per graded date of the range (all when empty): rows, unique keys and duplicate keys. */
  duplicatesByDate(range: DateRange): Promise<DateDuplicates[]>;

  // --- Alerts and the daily check (validate) ---
  /**
   * In one transaction serialised per fingerprint: read the fingerprint's history, let `decide`
   * pick the record to store (pure, synchronous), insert it. Two processes raising the same
   * fingerprint at once therefore never both decide to send.
   */
  decideAlert(fingerprint: string, decide: AlertDecision): Promise<AlertRecord | null>;
  /** Record a delivery's result on a stored alert. */
  updateAlert(
    alertId: string,
    patch: { outcome: AlertOutcome; attempts: number; error: string | null },
  ): Promise<void>;
  /** Stored alerts, newest first. */
  listAlerts(filter?: AlertFilter): Promise<AlertRecord[]>;
  /** Per (date, game) of the range: selected predictions, actual rows, postponed rows. */
  gameFacts(range: DateRange): Promise<GameFacts[]>;
  /** Rows of prediction_accuracy per date of the range (dates without rows are absent). */
  gradedRowCounts(range: DateRange): Promise<Map<IsoDate, number>>;
  /** The newest `limit` dates before `before` that have predictions, newest first. */
  predictionDatesBefore(before: IsoDate, limit: number): Promise<IsoDate[]>;
  /** Triples of the range with more than one active version. */
  activeDuplicates(range: DateRange, top?: number): Promise<ActiveDuplicateSummary>;

  // --- Cleanup (import, dedupe, backups, restore) ---
  /**
   * Append rows as given, fenced on each of their dates, in one transaction, then recompute those
   * dates. With the guard installed, keys colliding with stored rows (or repeated among the rows)
   * drop the guard when allowed, else reject everything (the first 20 collisions are named).
   */
  appendAccuracy(req: AppendAccuracyRequest): Promise<AppendAccuracyResult>;
  /** NULL-safe row and key counts of prediction_accuracy in a range (all dates when empty). */
  keyCounts(range: DateRange): Promise<KeyCounts>;
  /** Copy the fenced dates' rows into a new backup table named from the store clock; verify its count; log it. */
  createBackup(req: CreateBackupRequest): Promise<BackupInfo>;
  /** Logged backups whose tables exist, newest first. */
  listBackups(): Promise<BackupInfo[]>;
  /** The backup of that name, or null when the name misses the pattern, the log or the catalog. */
  findBackup(table: string): Promise<BackupInfo | null>;
  /** Drop a backup table (validated as findBackup does) and log it. */
  dropBackup(table: string, reason: string): Promise<void>;
  /**
   * One transaction: claim the fences, check the backup's count, delete the chosen rows, verify
   * rows = unique keys over the dates (InternalError and rollback otherwise), install the guard
   * when the whole table is clean, recompute the dates, log.
   */
  dedupeDates(req: DedupeDatesRequest): Promise<DedupeDatesResult>;
  /** One transaction: claim the fences, replace the backup's dates with its rows (dropping the guard first when they repeat keys), recompute, log. */
  restoreBackup(req: RestoreBackupRequest): Promise<RestoreBackupResult>;
  /** Maintenance log entries (optionally of some actions), oldest first. */
  listMaintenance(filter?: { actions?: readonly string[] }): Promise<MaintenanceRecord[]>;
}
