/**
 * `restore --backup NAME [--force]`: put exactly the backed-up dates back, under their grading
 * leases (sorted), in one transaction that also recomputes their performance. Refused (exit 2)
 * when one of the dates was graded after the backup was taken — a succeeded grading run finished
 * later — unless `--force`. When the restored rows repeat a key the guard is dropped first.
 */
import { timestampMs } from '../domain/keys.js';
import type { IsoDate, IsoTimestamp } from '../domain/types.js';
import { InputError } from '../errors.js';
import type { BackupInfo, Store } from '../store/store.js';
import { resolveBackup } from './backups.js';
import { newOperationId, recomputePerformance, takeDateLeases } from './backups-leases.js';
import type { PipelineContext } from './context.js';

export interface RestoreOptions {
  backup: string;
  force: boolean;
}

/** A grading of a backed-up date that finished after the backup. */
export interface LaterGrading {
  gameDate: IsoDate;
  runId: string;
  finishedAt: IsoTimestamp;
}

/** The JSON of `restore`. */
export interface RestoreReport {
  backupTable: string;
  dates: IsoDate[];
  rowsRestored: number;
  rowsReplaced: number;
  guardDropped: boolean;
  forced: boolean;
  gradedAfterBackup: LaterGrading[];
  operationId: string;
}

/** Succeeded grading runs of the backup's dates that finished after it was taken. */
export async function gradedAfter(store: Store, backup: BackupInfo): Promise<LaterGrading[]> {
  if (backup.dates.length === 0) return [];
  const dates = new Set(backup.dates);
  const runs = await store.listRuns({
    from: backup.dates[0],
    to: backup.dates[backup.dates.length - 1],
    status: 'succeeded',
  });
  return runs
    .filter((r) => dates.has(r.gameDate) && r.finishedAt !== null)
    .filter((r) => timestampMs(r.finishedAt!) > timestampMs(backup.createdAt))
    .map((r) => ({ gameDate: r.gameDate, runId: r.runId, finishedAt: r.finishedAt! }));
}

function refusal(backup: BackupInfo, later: LaterGrading[]): InputError {
  const list = later.map((l) => `${l.gameDate} (run ${l.runId} at ${l.finishedAt})`).join(', ');
  return new InputError(
    `refusing to restore ${backup.table}: graded after the backup (${backup.createdAt}): ${list}; restoring would discard those gradings — use --force to restore anyway`,
    { field: '--backup' },
  );
}

/** Restore a backup's dates. */
export async function restore(ctx: PipelineContext, opts: RestoreOptions): Promise<RestoreReport> {
  const backup = await resolveBackup(ctx.store, opts.backup);
  const operationId = newOperationId('restore');
  await using leases = await takeDateLeases(ctx, backup.dates, operationId);
  const later = await gradedAfter(ctx.store, backup);
  if (later.length > 0 && !opts.force) throw refusal(backup, later);
  const result = await ctx.store.restoreBackup({
    fences: leases.fences,
    backup,
    recompute: recomputePerformance,
    checkLease: () => leases.checkLease(),
    log: {
      action: 'restore',
      details: { operationId, backup: backup.table, forced: opts.force, gradedAfterBackup: later },
    },
  });
  return {
    backupTable: backup.table,
    dates: backup.dates,
    rowsRestored: result.rowsRestored,
    rowsReplaced: result.rowsDeleted,
    guardDropped: result.guardDropped,
    forced: opts.force && later.length > 0,
    gradedAfterBackup: later,
    operationId,
  };
}
