/** The checks of `validate`, in report order, and the runner that never lets one throw. */
import { accuracyDuplicates } from './accuracy-duplicates.js';
import { freshness } from './freshness.js';
import { lockHealth } from './lock-health.js';
import { overlappingRuns } from './overlapping-runs.js';
import { predictionDuplicates } from './prediction-duplicates.js';
import type { Check, CheckContext, CheckResult } from './types.js';
import { ungradedDates } from './ungraded-dates.js';
import { uniqueGuard } from './unique-guard.js';
import { volume } from './volume.js';

/** Every check, in the order of SPEC section 7. */
export const CHECKS: readonly Check[] = [
  accuracyDuplicates,
  predictionDuplicates,
  overlappingRuns,
  ungradedDates,
  uniqueGuard,
  freshness,
  volume,
  lockHealth,
];

/** Run one check; a check that throws is critical with the error in its details, never ok. */
export async function runCheck(check: Check, ctx: CheckContext): Promise<CheckResult> {
  try {
    return { name: check.name, ...(await check.run(ctx)) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      name: check.name,
      status: 'critical',
      count: 0,
      summary: `the check could not run: ${message}`,
      details: { error: message, errorType: err instanceof Error ? err.name : typeof err },
      nextCommand: null,
    };
  }
}

/** Run every check in order (one store connection: sequential is as fast as parallel). */
export async function runChecks(
  ctx: CheckContext,
  checks: readonly Check[] = CHECKS,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) results.push(await runCheck(check, ctx));
  return results;
}
