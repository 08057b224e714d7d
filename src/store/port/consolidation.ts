/** Consolidation of prediction batches (ingest predictions; src/store/<backend>/staging*.ts). */
import type { IsoDate, IsoTimestamp, PredictionVersion } from '../../domain/types.js';
import type { FenceClaim } from './core.js';

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

/** Consolidation of prediction batches — the port's methods. */
export interface ConsolidationStore {
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
}
