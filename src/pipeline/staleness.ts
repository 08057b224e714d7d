/**
 * Which dates need grading: a date is current when a successful grading started after its latest
 * input change (a new prediction version or an actuals upsert). The start, not the finish: a
 * grading reads its inputs after it starts, so a change committed while it ran may be unseen. `backfill --resume` skips current
 * dates; `backfill --stale` grades only dates that have inputs and are not current.
 */
import type { IsoDate } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** The last successful grading's start per date. */
export async function lastSuccessfulGrading(
  store: Store,
  dates: readonly IsoDate[],
): Promise<Map<IsoDate, string>> {
  const out = new Map<IsoDate, string>();
  if (dates.length === 0) return out;
  const runs = await store.listRuns({
    from: dates[0],
    to: dates[dates.length - 1],
    status: 'succeeded',
  });
  for (const run of runs) {
    const prev = out.get(run.gameDate);
    if (!prev || run.startedAt > prev) out.set(run.gameDate, run.startedAt);
  }
  return out;
}

/** Dates with inputs whose latest change is newer than their last successful grading. */
export async function staleDates(store: Store, dates: readonly IsoDate[]): Promise<IsoDate[]> {
  if (dates.length === 0) return [];
  const changes = await store.latestInputChanges({ from: dates[0], to: dates[dates.length - 1] });
  const graded = await lastSuccessfulGrading(store, dates);
  return dates.filter((d) => {
    const changed = changes.get(d);
    const done = graded.get(d);
    return changed !== undefined && (done === undefined || done < changed);
  });
}

/** Dates of the range that are not current (for `--resume`: includes dates without inputs). */
export async function datesNeedingGrade(
  store: Store,
  dates: readonly IsoDate[],
  staleOnly = false,
): Promise<IsoDate[]> {
  if (staleOnly) return staleDates(store, dates);
  const stale = new Set(await staleDates(store, dates));
  const graded = await lastSuccessfulGrading(store, dates);
  return dates.filter((d) => stale.has(d) || !graded.has(d));
}
