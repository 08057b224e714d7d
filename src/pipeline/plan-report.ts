/** What a grading plan contributes to the run's report and ledger row. */
import type { PlanSummary } from '../domain/selection-tally.js';
import type { GradeReport } from './report.js';

/** Copy the plan's counts into the report. */
export function copyPlanCounts(report: GradeReport, plan: PlanSummary): void {
  report.rowsPlanned = plan.rowsPlanned;
  report.sourceDuplicatesDropped = plan.sourceDuplicatesDropped;
  report.supersededLines = plan.supersededLines;
  report.latePredictions = plan.latePredictions;
  report.pendingGames = plan.coverage.pendingGames;
}

/** Run-record fields that come from the plan. */
export function planPatch(plan: PlanSummary) {
  return {
    sourceDuplicatesDropped: plan.sourceDuplicatesDropped,
    supersededLines: plan.supersededLines,
    latePredictions: plan.latePredictions,
    pendingGames: plan.coverage.pendingGames,
  };
}
