/**
 * `dedupe [--from D --to D] [--keep earliest|latest] [--dry-run]`: find the dates of the range
 * holding duplicate keys; take their grading leases in sorted order; back their rows up to a new
 * backup table (count verified, in SQL); then in one transaction delete the extra rows (keeping
 * one row per key in the keep order, set-based in the store), verify rows = unique keys (exit 6 and rollback otherwise), install
 * the guard when the whole table is clean, recompute the dates' performance and log it.
 */
import type { KeepMode } from '../domain/report.js';
import type { IsoDate } from '../domain/types.js';
import type { DateRange, KeyCounts, Store } from '../store/store.js';
import { failpoint } from '../util/failpoints.js';
import { newOperationId, recomputePerformance, takeDateLeases } from './backups-leases.js';
import type { PipelineContext } from './context.js';
import { chooseDeletions } from './dedupe-choose.js';
import { checkRange } from './dedupe-plan.js';

export interface DedupeOptions extends DateRange {
  keep: KeepMode;
  dryRun: boolean;
}

/** The JSON of `dedupe` (SPEC section 7), with the range and the operation id added. */
export interface DedupeReport {
  dryRun: boolean;
  keep: KeepMode;
  from: IsoDate | null;
  to: IsoDate | null;
  before: KeyCounts;
  after: KeyCounts;
  removed: number;
  backupTable: string | null;
  guardInstalled: boolean;
  datesRecomputed: IsoDate[];
  operationId: string | null;
}

function baseReport(opts: DedupeOptions, before: KeyCounts): DedupeReport {
  return {
    dryRun: opts.dryRun,
    keep: opts.keep,
    from: opts.from ?? null,
    to: opts.to ?? null,
    before,
    after: { rows: before.uniqueKeys, uniqueKeys: before.uniqueKeys },
    removed: before.rows - before.uniqueKeys,
    backupTable: null,
    guardInstalled: false,
    datesRecomputed: [],
    operationId: null,
  };
}

/** Whether the guard would be installed: already, or nothing outside the range repeats. */
async function guardAfterPlan(store: Store, removed: number): Promise<boolean> {
  if ((await store.guardState()).installed) return true;
  const whole = await store.keyCounts({});
  return whole.rows - whole.uniqueKeys === removed;
}

/** Plan or clean the range. */
export async function dedupe(ctx: PipelineContext, opts: DedupeOptions): Promise<DedupeReport> {
  const range = checkRange(opts);
  const plan = await ctx.store.dedupePlan(range);
  const report = baseReport(opts, plan.counts);
  if (opts.dryRun) {
    report.guardInstalled = await guardAfterPlan(ctx.store, report.removed);
    report.datesRecomputed = plan.dates;
    return report;
  }
  const operationId = newOperationId('dedupe');
  report.operationId = operationId;
  await using leases = await takeDateLeases(ctx, plan.dates, operationId);
  await failpoint('dedupe-after-lease');
  const checkLease = () => leases.checkLease();
  const backup = plan.dates.length
    ? await ctx.store.createBackup({
        fences: leases.fences,
        purpose: 'dedupe',
        operationId,
        checkLease,
      })
    : null;
  await failpoint('dedupe-after-backup');
  const result = await ctx.store.dedupeDates({
    fences: leases.fences,
    backup,
    keep: opts.keep,
    choose: chooseDeletions(opts.keep),
    recompute: recomputePerformance,
    checkLease,
    log: {
      action: 'dedupe',
      details: { operationId, keep: opts.keep, ...range, backup: backup?.table ?? null },
    },
  });
  await failpoint('dedupe-after-commit');
  Object.assign(report, {
    after: await ctx.store.keyCounts(range),
    removed: result.removed,
    backupTable: backup?.table ?? null,
    guardInstalled: result.guardInstalled,
    datesRecomputed: plan.dates,
  });
  return report;
}
