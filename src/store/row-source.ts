/** Reading a GradedRowSource the same way in both stores: chunks of at most N rows. */
import type { DailyPerformance, GradedRow } from '../domain/types.js';
import type { GradedRowSource, ReplacePartitionRequest } from './store.js';

/** The rows of `source` in chunks of at most `size` (an array is sliced, a stream re-cut). */
export async function* chunksOf(
  source: GradedRowSource,
  size: number,
): AsyncGenerator<readonly GradedRow[]> {
  if (Array.isArray(source)) {
    for (let start = 0; start < source.length; start += size) {
      yield source.slice(start, start + size);
    }
    return;
  }
  let pending: GradedRow[] = [];
  for await (const chunk of source as AsyncIterable<readonly GradedRow[]>) {
    for (const row of chunk) pending.push(row);
    while (pending.length >= size) {
      yield pending.slice(0, size);
      pending = pending.slice(size);
    }
  }
  if (pending.length > 0) yield pending;
}

/** The request's performance rows (called once every row has been consumed). */
export function performanceOf(req: ReplacePartitionRequest): readonly DailyPerformance[] {
  return typeof req.performance === 'function' ? req.performance() : req.performance;
}
