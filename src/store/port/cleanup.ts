/** Cleanup: import, dedupe, backups, restore (src/store/<backend>/import.ts, backups.ts, dedupe.ts, restore.ts). */
import type { KeepMode } from '../../domain/report.js';
import type { AccuracyRow, DailyPerformance, IsoDate, IsoTimestamp } from '../../domain/types.js';
import type { DateFenceClaim } from './consolidation.js';
import type { DateRange } from './core.js';

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

/** The fields of a graded row that its date's performance reads (SPEC 3.4): all a recompute gets. */
export const PERFORMANCE_FIELDS = [
  'gameDate',
  'systemId',
  'isVoided',
  'recommendation',
  'lineValue',
  'actualPoints',
  'predictionCorrect',
  'absoluteError',
  'signedError',
  'within3Points',
  'within5Points',
  'profitUnits',
] as const satisfies readonly (keyof AccuracyRow)[];

/** A graded row as a performance recompute reads it. */
export type PerformanceRow = Pick<AccuracyRow, (typeof PERFORMANCE_FIELDS)[number]>;

/** The performance rows of one date from every graded row it holds (fed inside the write transaction). */
export type PerformanceRecompute = (
  gameDate: IsoDate,
  rows: AsyncIterable<readonly PerformanceRow[]>,
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

/** Picks the references of the rows to delete from the rows it is given (read in the transaction). */
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
  /** The keep order: the store keeps the first row of each key in it, in SQL. */
  keep: KeepMode;
  /**
   * Decides the keys SQL cannot order as the domain does (src/store/dedupe-sql.ts): it gets every
   * row of those keys only, in storage order, and returns the references to delete.
   */
  choose: DeletionChooser;
}

/** What a cleanup of a range would touch, before any lease. */
export interface DedupePlan {
  /** NULL-safe counts over the range. */
  counts: KeyCounts;
  /** The range's dates holding a row of a key with more than one row, sorted. */
  dates: IsoDate[];
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

/** Cleanup: import, dedupe, backups, restore — the port's methods. */
export interface CleanupStore {
  /**
   * Append rows as given, fenced on each of their dates, in one transaction, then recompute those
   * dates. With the guard installed, keys colliding with stored rows (or repeated among the rows)
   * drop the guard when allowed, else reject everything (the first 20 collisions are named).
   */
  appendAccuracy(req: AppendAccuracyRequest): Promise<AppendAccuracyResult>;
  /** NULL-safe row and key counts of prediction_accuracy in a range (all dates when empty). */
  keyCounts(range: DateRange): Promise<KeyCounts>;
  /** The counts of a range and its dates holding duplicated keys, in one set-based query. */
  dedupePlan(range: DateRange): Promise<DedupePlan>;
  /** Copy the fenced dates' rows into a new backup table named from the store clock; verify its count; log it. */
  createBackup(req: CreateBackupRequest): Promise<BackupInfo>;
  /** Logged backups whose tables exist, newest first. */
  listBackups(): Promise<BackupInfo[]>;
  /** The backup of that name, or null when the name misses the pattern, the log or the catalog. */
  findBackup(table: string): Promise<BackupInfo | null>;
  /** Drop a backup table (validated as findBackup does) and log it. */
  dropBackup(table: string, reason: string): Promise<void>;
  /**
   * One transaction: claim the fences, check the backup's count, delete every row but the first
   * of each key in the keep order (set-based; flagged keys by `choose`), verify
   * rows = unique keys over the dates (InternalError and rollback otherwise), install the guard
   * when the whole table is clean, recompute the dates, log.
   */
  dedupeDates(req: DedupeDatesRequest): Promise<DedupeDatesResult>;
  /** One transaction: claim the fences, replace the backup's dates with its rows (dropping the guard first when they repeat keys), recompute, log. */
  restoreBackup(req: RestoreBackupRequest): Promise<RestoreBackupResult>;
  /** Maintenance log entries (optionally of some actions), oldest first. */
  listMaintenance(filter?: { actions?: readonly string[] }): Promise<MaintenanceRecord[]>;
}
