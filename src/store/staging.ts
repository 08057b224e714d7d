/**
 * Backend-independent parts of prediction consolidation (staging + fenced merge): the staging
 * columns, the checks every merge runs inside its transaction, and their errors. The stores'
 * implementations live in `sqlite/staging*.ts` and `postgres/staging*.ts`.
 */
import type { IsoDate } from '../domain/types.js';
import { InputError, InternalError } from '../errors.js';
import { type ColumnSpec, PREDICTION_COLUMNS } from './columns.js';
import type { BatchRecord, DateFenceClaim, StageBatchRequest } from './store.js';

/** Columns of `predictions` that a producer delivers (the rest is propgrade's bookkeeping). */
export const VERSION_COLUMNS: readonly ColumnSpec[] = PREDICTION_COLUMNS.filter(
  (c) => !['is_active', 'batch_id', 'first_seen_at'].includes(c.column),
);

/** Columns of `prediction_staging`: the batch, the row's position in it, the version. */
export const STAGING_COLUMNS: readonly ColumnSpec[] = [
  { column: 'batch_id', field: 'batchId', kind: 'text' },
  { column: 'seq', field: 'seq', kind: 'int' },
  ...VERSION_COLUMNS,
];

/** Staging rows moved into `predictions` per statement; the lease is checked between chunks. */
export const MERGE_CHUNK_ROWS = 5_000;

/** At most this many offending triples are named in an error. */
export const CONFLICTS_NAMED = 20;

/** A (player, game, system) triple with more than one active version. */
export interface ActiveConflict {
  playerLookup: string;
  gameId: string;
  systemId: string;
  gameDate: IsoDate;
  active: number;
}

/** A game the batch puts on one date while the store holds it under another. */
export interface GameDateConflict {
  gameId: string;
  staged: IsoDate;
  stored: IsoDate;
}

/** The merge's verification found triples with more than one active version: rolled back (exit 6). */
export class ActiveVersionConflictError extends InternalError {
  override name = 'ActiveVersionConflictError';
  constructor(
    readonly batchId: string,
    readonly conflicts: readonly ActiveConflict[],
    readonly total: number,
  ) {
    const named = conflicts
      .map((c) => `(${c.playerLookup}, ${c.gameId}, ${c.systemId}) on ${c.gameDate}: ${c.active}`)
      .join('; ');
    super(
      `consolidation of batch ${batchId} rolled back: ${total} (player, game, system) triple(s) ` +
        `would have more than one active version: ${named}${total > conflicts.length ? '; …' : ''}. ` +
        'The batch is kept in staging (status failed); repair the predictions table ' +
        '(the unique index predictions_one_active must exist) and ingest the batch again.',
    );
  }
}

/** Throw when the verification query found offending triples. */
export function assertOneActivePerTriple(
  batchId: string,
  conflicts: readonly ActiveConflict[],
): void {
  if (conflicts.length === 0) return;
  const total = conflicts.length;
  throw new ActiveVersionConflictError(batchId, conflicts.slice(0, CONFLICTS_NAMED), total);
}

/** Throw bad input (exit 2) when the batch's games are stored under other dates. */
export function assertGameDates(batchId: string, conflicts: readonly GameDateConflict[]): void {
  const first = conflicts[0];
  if (first === undefined) return;
  throw new InputError(
    `batch ${batchId}: field "game_id": game "${first.gameId}" is stored under ${first.stored}, ` +
      `the batch says ${first.staged} (${conflicts.length} conflicting game(s)); the batch is kept in staging (status failed)`,
    { field: 'game_id' },
  );
}

/** True for the errors after which a merge marks its batch `failed` (and keeps its staging). */
export function failsBatch(err: unknown): boolean {
  return err instanceof ActiveVersionConflictError || err instanceof InputError;
}

/** Bad input (exit 2) when a batch id is registered with other content; null when it may go on. */
export function registeredConflict(
  existing: Pick<BatchRecord, 'batchId' | 'sha256'>,
  req: Pick<StageBatchRequest, 'sha256'>,
): InputError | null {
  if (existing.sha256 === req.sha256) return null;
  return new InputError(
    `batch id "${existing.batchId}" is already registered with other content ` +
      `(sha256 ${existing.sha256}, this file ${req.sha256}); use another --batch-id`,
    { field: '--batch-id' },
  );
}

/** The claims sorted by date (the order fences are claimed in, like leases). */
export function sortClaims(claims: readonly DateFenceClaim[]): DateFenceClaim[] {
  return [...claims].sort((a, b) =>
    a.gameDate < b.gameDate ? -1 : a.gameDate > b.gameDate ? 1 : 0,
  );
}

/** InternalError unless the claimed dates are exactly the batch's dates. */
export function assertClaimsCover(
  batch: Pick<BatchRecord, 'batchId' | 'dates'>,
  claims: readonly DateFenceClaim[],
): void {
  const claimed = claims
    .map((c) => c.gameDate)
    .sort()
    .join(',');
  if (claimed !== [...batch.dates].sort().join(',')) {
    throw new InternalError(
      `batch ${batch.batchId} has dates [${batch.dates.join(', ')}] but fences were claimed for [${claimed}]`,
    );
  }
}

/** Distinct sorted dates of the versions. */
export function datesOf(versions: readonly { gameDate: IsoDate }[]): IsoDate[] {
  return [...new Set(versions.map((v) => v.gameDate))].sort();
}
