/**
 * Which rows `dedupe` deletes, pure: per NULL-safe business key the store's rows are compared in
 * the domain's keep order (the same order the report's "without duplicates" uses); the kept one
 * stays, every other one is deleted. Only the kept candidate of each key is held in memory.
 */
import {
  type KeepCandidate,
  type KeepMode,
  keepCandidateOf,
  replacesKept,
  tallyKey,
} from '../domain/report.js';
import type { AccuracyRowRef, DeletionChooser } from '../store/store.js';

/** Fold rows into the references to delete, keeping one row per key under `keep`. */
export class DeletionPlan {
  private readonly kept = new Map<string, { ref: string; candidate: KeepCandidate }>();
  readonly doomed: string[] = [];

  constructor(private readonly keep: KeepMode) {}

  /** Consider one row. */
  add({ ref, row }: AccuracyRowRef): void {
    const key = tallyKey(row);
    const candidate = keepCandidateOf(row);
    const current = this.kept.get(key);
    if (current === undefined) {
      this.kept.set(key, { ref, candidate });
    } else if (replacesKept(candidate, current.candidate, this.keep)) {
      this.doomed.push(current.ref);
      this.kept.set(key, { ref, candidate });
    } else {
      this.doomed.push(ref);
    }
  }
}

/** The chooser handed to the store's cleaning transaction. */
export function chooseDeletions(keep: KeepMode): DeletionChooser {
  return async (pages) => {
    const plan = new DeletionPlan(keep);
    for await (const page of pages) for (const row of page) plan.add(row);
    return plan.doomed;
  };
}
