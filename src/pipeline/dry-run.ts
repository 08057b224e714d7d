/** `grade --dry-run`: plan without a lease, change no table, record one `dry_run` ledger row. */
import { holderFor } from '../lock/keys.js';
import type { PipelineContext } from './context.js';
import type { GradeOptions, GradeOutcome } from './grade.js';
import { DatePlanner } from './plan.js';
import { copyPlanCounts, planPatch } from './plan-report.js';
import type { GradeReport } from './report.js';

/** The plan of a grade, with who holds the date's lease now. */
export async function dryRunGrade(
  ctx: PipelineContext,
  opts: GradeOptions,
  report: GradeReport,
  started: number,
): Promise<GradeOutcome> {
  const planner = await DatePlanner.open(ctx.store, opts.gameDate, {
    lines: opts.lines ?? 'latest',
    bufferRows: 0,
  });
  await planner.close();
  const plan = planner.summary;
  const current = ctx.lock ? await ctx.lock.show(report.lock.key) : null;
  copyPlanCounts(report, plan);
  Object.assign(report, {
    status: 'dry_run',
    currentHolder:
      current && !current.expired
        ? { holder: current.holder, runId: current.runId, expiresAt: current.expiresAt }
        : null,
    durationMs: Math.round(performance.now() - started),
  });
  await ctx.store.insertRun({
    runId: report.runId,
    gameDate: opts.gameDate,
    trigger: opts.trigger,
    triggerSource: opts.triggerSource ?? null,
    correlationId: opts.correlationId ?? null,
    holder: holderFor(report.runId),
    lockMode: ctx.lockMode,
    status: 'dry_run',
  });
  await ctx.store.updateRun(report.runId, {
    finishedAt: 'now',
    rowsWritten: 0,
    ...planPatch(plan),
    error: plan.coverage.refusal,
  });
  return { report, exitCode: plan.coverage.refusal && !opts.force ? 2 : 0 };
}
