/**
 * `lock_health`: expired leases still present, holds longer than 1 hour, lock timeouts (and
 * unavailable lock backends, and abandoned runs) → warning; `lock_lost` or `stale_fence` runs →
 * critical. A failed run stops counting once a later successful grading of its date holds.
 */

import type { RunStatus } from '../../domain/types.js';
import type { LeaseInfo } from '../../lock/backend.js';
import type { RunRecord } from '../../store/store.js';
import { regradeCommand } from './date-facts.js';
import { holdMs, regradedAfter } from './holds.js';
import type { Check, CheckContext } from './types.js';

/** A hold longer than this is reported. */
export const LONG_HOLD_MS = 3_600_000;

const brief = (r: RunRecord) => ({
  runId: r.runId,
  gameDate: r.gameDate,
  status: r.status,
  startedAt: r.startedAt,
  error: r.error,
});

async function leaseFindings(ctx: CheckContext) {
  if (ctx.lock === null)
    return { expired: [] as LeaseInfo[], longHeld: [] as LeaseInfo[], checked: false };
  const leases = await ctx.lock.list();
  return {
    expired: leases.filter((l) => l.expired),
    longHeld: leases.filter(
      (l) => !l.expired && ctx.nowMs - Date.parse(l.acquiredAt) > LONG_HOLD_MS,
    ),
    checked: true,
  };
}

function runFindings(runs: readonly RunRecord[], nowMs: number) {
  const open = (statuses: readonly RunStatus[]) =>
    runs.filter(
      (r) => statuses.includes(r.status) && !regradedAfter(runs, r.gameDate, r.startedAt),
    );
  return {
    lost: open(['lock_lost', 'stale_fence']),
    timeouts: open(['lock_timeout', 'lock_unavailable']),
    abandoned: open(['abandoned']),
    longHolds: runs.filter((r) => (holdMs(r, nowMs) ?? 0) > LONG_HOLD_MS),
  };
}

/** Lease and ledger health of the window. */
export const lockHealth: Check = {
  name: 'lock_health',
  async run(ctx) {
    const leases = await leaseFindings(ctx);
    const runs = runFindings(await ctx.data.runs(), ctx.nowMs);
    const warnings =
      leases.expired.length +
      leases.longHeld.length +
      runs.timeouts.length +
      runs.abandoned.length +
      runs.longHolds.length;
    const count = warnings + runs.lost.length;
    const failedDates = [
      ...new Set([...runs.lost, ...runs.timeouts, ...runs.abandoned].map((r) => r.gameDate)),
    ];
    return {
      status: runs.lost.length ? 'critical' : warnings ? 'warning' : 'ok',
      count,
      summary: count
        ? `${runs.lost.length} lost/stale-fence runs, ${runs.timeouts.length} lock timeouts or outages, ${runs.abandoned.length} abandoned runs, ${leases.expired.length} expired leases, ${leases.longHeld.length + runs.longHolds.length} holds over 1 h`
        : 'leases and runs healthy',
      details: {
        leasesChecked: leases.checked,
        expiredLeases: leases.expired,
        longHeldLeases: leases.longHeld,
        lostRuns: runs.lost.map(brief),
        lockTimeouts: runs.timeouts.map(brief),
        abandonedRuns: runs.abandoned.map(brief),
        longHolds: runs.longHolds.map((r) => ({ ...brief(r), holdMs: holdMs(r, ctx.nowMs) })),
        runIds: [...runs.lost, ...runs.timeouts, ...runs.abandoned].map((r) => r.runId),
      },
      nextCommand:
        regradeCommand(failedDates) ?? (leases.expired.length ? 'propgrade locks list' : null),
    };
  },
};
