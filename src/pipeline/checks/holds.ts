/**
 * Ledger arithmetic for the run checks: hold windows (`[lock_acquired_at, finished_at]`, or
 * `started_at` for `--lock none` runs, so a run that waited for the lease is no overlap),
 * overlapping writers, and whether a later successful grading of the date has recovered a
 * failed or overlapping run.
 */
import type { IsoTimestamp } from '../../domain/types.js';
import type { RunRecord } from '../../store/store.js';

/** A run's hold window; null until it has both ends. */
export function holdWindow(run: RunRecord): { start: IsoTimestamp; end: IsoTimestamp } | null {
  const start = run.lockMode === 'none' ? run.startedAt : run.lockAcquiredAt;
  if (start === null || run.finishedAt === null) return null;
  return { start, end: run.finishedAt };
}

/** How long a run held (or has held, when still running at `nowMs`) its lease, in ms. */
export function holdMs(run: RunRecord, nowMs: number): number | null {
  const start = run.lockMode === 'none' ? run.startedAt : run.lockAcquiredAt;
  if (start === null) return null;
  const end = run.finishedAt === null ? nowMs : Date.parse(run.finishedAt);
  return end - Date.parse(start);
}

/** Two runs of one date that both wrote, with overlapping hold windows. */
export interface Overlap {
  gameDate: string;
  runIds: [string, string];
  /** When the overlap began and ended. */
  from: IsoTimestamp;
  to: IsoTimestamp;
  /** When the later of the two finished. */
  bothFinishedAt: IsoTimestamp;
}

/** Every overlapping pair of writers (succeeded runs) per date. */
export function overlappingWriters(runs: readonly RunRecord[]): Overlap[] {
  const writers = runs
    .filter((r) => r.status === 'succeeded')
    .map((r) => ({ run: r, hold: holdWindow(r) }))
    .filter((w): w is { run: RunRecord; hold: { start: string; end: string } } => w.hold !== null)
    .sort((a, b) => (a.hold.start < b.hold.start ? -1 : a.hold.start > b.hold.start ? 1 : 0));
  const out: Overlap[] = [];
  writers.forEach((a, i) => {
    for (const b of writers.slice(i + 1)) {
      if (b.run.gameDate !== a.run.gameDate || b.hold.start >= a.hold.end) continue;
      out.push({
        gameDate: a.run.gameDate,
        runIds: [a.run.runId, b.run.runId],
        from: b.hold.start,
        to: [a.hold.end, b.hold.end].sort()[0]!,
        bothFinishedAt: [a.hold.end, b.hold.end].sort()[1]!,
      });
    }
  });
  return out;
}

/** True when a successful grading of `gameDate` (not in `exclude`) began holding after `after`. */
export function regradedAfter(
  runs: readonly RunRecord[],
  gameDate: string,
  after: IsoTimestamp,
  exclude: ReadonlySet<string> = new Set(),
): boolean {
  return runs.some((r) => {
    if (r.gameDate !== gameDate || r.status !== 'succeeded' || exclude.has(r.runId)) return false;
    const hold = holdWindow(r);
    return hold !== null && hold.start > after;
  });
}
