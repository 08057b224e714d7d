/**
 * The ledger part of the investigation report, pure. A run's hold window is
 * `[lock_acquired_at, finished_at]` (`[started_at, finished_at]` for `--lock none` runs, which
 * held nothing), so a run that waited for the lease does not overlap its predecessor. Only runs
 * that wrote (status `succeeded`) are compared. Long runs: any run whose `finished_at −
 * started_at` exceeds the lock TTL.
 */
import { compareText, timestampMs } from '../domain/keys.js';
import type { IsoDate, IsoTimestamp, Trigger } from '../domain/types.js';
import type { RunRecord } from '../store/store.js';

/** Runs of one date whose hold windows overlap; `from`–`to`: while two or more were holding. */
export interface RunOverlap {
  gameDate: IsoDate;
  runIds: string[];
  from: IsoTimestamp;
  to: IsoTimestamp;
}

/** A run longer than the lock TTL. */
export interface LongRun {
  runId: string;
  gameDate: IsoDate;
  trigger: Trigger;
  startedAt: IsoTimestamp;
  finishedAt: IsoTimestamp;
  durationMs: number;
}

interface Window {
  runId: string;
  start: IsoTimestamp;
  end: IsoTimestamp;
}

/** The hold window of a run that wrote, or null. */
export function holdWindow(run: RunRecord): Window | null {
  if (run.status !== 'succeeded' || run.finishedAt === null) return null;
  const start = run.lockMode === 'none' ? run.startedAt : run.lockAcquiredAt;
  return start === null ? null : { runId: run.runId, start, end: run.finishedAt };
}

const ms = timestampMs;

interface Group {
  runIds: string[];
  from: IsoTimestamp | null;
  to: IsoTimestamp | null;
  /** The latest end among the group's windows. */
  reach: IsoTimestamp;
}

function later(a: IsoTimestamp, b: IsoTimestamp): IsoTimestamp {
  return ms(a) >= ms(b) ? a : b;
}

/** Add a window that starts before the group's reach: it overlaps, from its own start. */
function join(group: Group, w: Window): void {
  group.runIds.push(w.runId);
  group.from ??= w.start;
  const overlapEnd = ms(w.end) < ms(group.reach) ? w.end : group.reach;
  group.to = group.to === null ? overlapEnd : later(group.to, overlapEnd);
  group.reach = later(group.reach, w.end);
}

/** Overlapping groups among one date's windows (a group: windows chained by overlaps). */
function overlapsOfDate(gameDate: IsoDate, windows: Window[]): RunOverlap[] {
  const sorted = [...windows].sort(
    (a, b) => ms(a.start) - ms(b.start) || compareText(a.runId, b.runId),
  );
  const groups: Group[] = [];
  for (const w of sorted) {
    const group = groups[groups.length - 1];
    if (group && ms(w.start) < ms(group.reach)) join(group, w);
    else groups.push({ runIds: [w.runId], from: null, to: null, reach: w.end });
  }
  return groups
    .filter((g) => g.runIds.length > 1)
    .map((g) => ({ gameDate, runIds: g.runIds, from: g.from!, to: g.to! }));
}

/** Groups of runs of the same date whose hold windows overlap, by date then start. */
export function overlappingRuns(runs: readonly RunRecord[]): RunOverlap[] {
  const byDate = new Map<IsoDate, Window[]>();
  for (const run of runs) {
    const window = holdWindow(run);
    if (!window) continue;
    const list = byDate.get(run.gameDate) ?? [];
    list.push(window);
    byDate.set(run.gameDate, list);
  }
  return [...byDate.keys()]
    .sort(compareText)
    .flatMap((date) => overlapsOfDate(date, byDate.get(date)!));
}

/** Runs (any status) that took longer than `ttlMs`, longest first. */
export function longRuns(runs: readonly RunRecord[], ttlMs: number): LongRun[] {
  return runs
    .filter((r) => r.finishedAt !== null)
    .map((r) => ({
      runId: r.runId,
      gameDate: r.gameDate,
      trigger: r.trigger,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt!,
      durationMs: ms(r.finishedAt!) - ms(r.startedAt),
    }))
    .filter((r) => r.durationMs > ttlMs)
    .sort((a, b) => b.durationMs - a.durationMs || compareText(a.runId, b.runId));
}
