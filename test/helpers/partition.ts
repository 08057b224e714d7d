/** Assertions on a graded partition through the Store port (any backend). */
import type { AccuracyRow } from '../../src/domain/types.js';
import type { RunRecord, Store } from '../../src/store/store.js';

/** The date's rows without the per-run stamps, sorted: equal for any two clean runs. */
export async function partitionContent(store: Store, gameDate: string): Promise<string[]> {
  const rows: string[] = [];
  for await (const batch of store.streamAccuracy({ from: gameDate, to: gameDate })) {
    for (const { gradedAt, runId, fenceToken, ...rest } of batch as AccuracyRow[])
      rows.push(JSON.stringify(rest));
  }
  return rows.sort();
}

/** Succeeded runs of a date whose hold windows [lock_acquired_at, finished_at] overlap. */
export function overlappingHolds(runs: readonly RunRecord[]): [string, string][] {
  const held = runs
    .filter((r) => r.status === 'succeeded' && r.lockAcquiredAt && r.finishedAt)
    .sort((a, b) => (a.lockAcquiredAt! < b.lockAcquiredAt! ? -1 : 1));
  const overlaps: [string, string][] = [];
  for (let i = 1; i < held.length; i++) {
    if (held[i]!.lockAcquiredAt! < held[i - 1]!.finishedAt!)
      overlaps.push([held[i - 1]!.runId, held[i]!.runId]);
  }
  return overlaps;
}

/** True when the fences of succeeded runs rise strictly in commit (finish) order. */
export function fencesRiseInCommitOrder(runs: readonly RunRecord[]): boolean {
  const done = runs
    .filter((r) => r.status === 'succeeded')
    .sort((a, b) => (a.finishedAt! < b.finishedAt! ? -1 : 1));
  return done.every((r, i) => i === 0 || r.fenceToken! > done[i - 1]!.fenceToken!);
}
