/**
 * `grade --date D` by the write protocol of SPEC section 4: ledger row, lease and fence, plan
 * inside the lease, one fenced replace transaction, post-write validation, owner-checked release.
 */
import { randomUUID } from 'node:crypto';
import { deferredAlertSink } from '../alerts/sink.js';
import type { IsoDate, LineMode, Trigger } from '../domain/types.js';
import { CoverageRefusedError, type ExitCode, LockLostError } from '../errors.js';
import { holderFor, lockKey } from '../lock/keys.js';
import type { Lease } from '../lock/lease.js';
import { failpoint } from '../util/failpoints.js';
import type { PipelineContext } from './context.js';
import { dryRunGrade } from './dry-run.js';
import { fenceClaimOf, takeLease } from './lease.js';
import { failureOutcome } from './outcome.js';
import { DatePlanner } from './plan.js';
import { copyPlanCounts, planPatch } from './plan-report.js';
import { validateAfterWrite } from './post-write.js';
import { blankReport, type GradeReport } from './report.js';
import { sweepAbandoned } from './sweep.js';

export interface GradeOptions {
  gameDate: IsoDate;
  trigger: Trigger;
  triggerSource?: string | null;
  correlationId?: string | null;
  noWait?: boolean;
  dryRun?: boolean;
  force?: boolean;
  lines?: LineMode;
  /** Cancels waiting for the lease; a run that holds its lease finishes its write. */
  signal?: AbortSignal;
  /** The run's id when the caller must know it before grading starts (serve); else a new UUID. */
  runId?: string;
}

export interface GradeOutcome {
  report: GradeReport;
  exitCode: ExitCode;
}

/**
 * Grade one date. Never throws: failures are reported with their status and exit code. Alerts
 * are delivered after the lease is released, so a slow Slack never holds a date.
 */
export async function gradeDate(base: PipelineContext, opts: GradeOptions): Promise<GradeOutcome> {
  const alerts = deferredAlertSink(base.alerts);
  const ctx = { ...base, alerts };
  const runId = opts.runId ?? randomUUID();
  const started = performance.now();
  const report = blankReport(
    runId,
    opts.gameDate,
    opts.trigger,
    lockKey('grading', opts.gameDate),
    ctx.lockMode,
  );
  if (opts.dryRun) return dryRunGrade(ctx, opts, report, started);
  let lease: Lease | undefined;
  try {
    await sweepAbandoned(ctx);
    await ctx.store.insertRun(newRun(ctx, opts, runId));
    lease = await takeLease(ctx, {
      type: 'grading',
      scope: opts.gameDate,
      runId,
      noWait: opts.noWait,
      signal: opts.signal,
    });
    Object.assign(report.lock, {
      fence: lease.mode === 'none' ? null : lease.fence,
      waitedMs: lease.waitedMs,
    });
    await ctx.store.updateRun(runId, {
      lockAcquiredAt: 'now',
      lockWaitMs: Math.round(lease.waitedMs),
    });
    await failpoint('after-lease');
    await sweepAbandoned(ctx);
    await writeDate(ctx, opts, lease, report);
    report.lockLostAfterCommit = lease.lost;
    return finish(report, started, 0);
  } catch (err) {
    return finish(report, started, await recordFailure(ctx, report, err));
  } finally {
    await lease?.release();
    await alerts.flush();
  }
}

async function writeDate(
  ctx: PipelineContext,
  opts: GradeOptions,
  lease: Lease,
  report: GradeReport,
) {
  lease.assertValid();
  const planner = await DatePlanner.open(ctx.store, opts.gameDate, {
    lines: opts.lines ?? 'latest',
    bufferRows: ctx.config.gradeBufferRows,
    signal: lease.signal,
  });
  try {
    await writePlanned(ctx, opts, lease, report, planner);
  } finally {
    await planner.close();
  }
  report.duplicateKeys = await validateAfterWrite(ctx, report.runId, opts.gameDate);
}

async function writePlanned(
  ctx: PipelineContext,
  opts: GradeOptions,
  lease: Lease,
  report: GradeReport,
  planner: DatePlanner,
) {
  const { summary } = planner;
  copyPlanCounts(report, summary);
  lease.assertValid();
  const refusal = summary.coverage.refusal;
  if (refusal && !opts.force) throw new CoverageRefusedError(refusal, opts.gameDate);
  const result = await ctx.store.replacePartition({
    gameDate: opts.gameDate,
    runId: report.runId,
    fence: fenceClaimOf(lease),
    rows: planner.rows(),
    performance: () => planner.performance(),
    runPatch: { ...planPatch(summary), status: 'succeeded', finishedAt: 'now' },
    checkLease: () => lease.assertValid(),
  });
  await failpoint('after-commit');
  Object.assign(report, {
    status: 'succeeded',
    rowsWritten: result.rowsWritten,
    rowsReplaced: result.rowsDeleted,
  });
  report.lock.fence = result.fenceToken;
}

function newRun(ctx: PipelineContext, opts: GradeOptions, runId: string) {
  return {
    runId,
    gameDate: opts.gameDate,
    trigger: opts.trigger,
    triggerSource: opts.triggerSource ?? null,
    correlationId: opts.correlationId ?? null,
    holder: holderFor(runId),
    lockMode: ctx.lockMode,
    status: 'running' as const,
  };
}

async function recordFailure(
  ctx: PipelineContext,
  report: GradeReport,
  err: unknown,
): Promise<ExitCode> {
  const outcome = failureOutcome(err);
  if (report.status === 'succeeded') {
    ctx.log.error({ err, runId: report.runId }, `after commit: ${outcome.message}`);
    return 0;
  }
  report.status = outcome.status;
  report.error = { code: outcome.exitCode, message: outcome.message };
  ctx.log.error(
    { runId: report.runId, gameDate: report.gameDate, status: outcome.status },
    outcome.message,
  );
  try {
    await ctx.store.updateRun(report.runId, {
      status: outcome.status,
      finishedAt: 'now',
      error: outcome.message,
    });
  } catch (ledgerErr) {
    report.ledger = 'stderr_only';
    ctx.log.error(
      { runId: report.runId, err: String(ledgerErr) },
      'run could not be recorded: the store is unreachable; this log line is the only record',
    );
  }
  if (outcome.event) await raiseRunAlert(ctx, report, outcome.event, err);
  return outcome.exitCode;
}

async function raiseRunAlert(
  ctx: PipelineContext,
  report: GradeReport,
  event: NonNullable<ReturnType<typeof failureOutcome>['event']>,
  err: unknown,
) {
  await ctx.alerts.raise({
    event,
    table: 'prediction_accuracy',
    scope: report.gameDate,
    severity: 1,
    title: `grading ${report.gameDate} ended ${report.status}`,
    details: {
      runId: report.runId,
      status: report.status,
      error: report.error?.message,
      lockLost: err instanceof LockLostError,
    },
    nextCommand: `propgrade grade --date ${report.gameDate}`,
  });
}

function finish(report: GradeReport, started: number, exitCode: ExitCode): GradeOutcome {
  report.durationMs = Math.round(performance.now() - started);
  return { report, exitCode };
}
