/** Read a date's inputs from the store and plan its grading (selection, coverage, grades). */
import { type DatePlan, planDate } from '../domain/plan.js';
import { gameStartsFrom, SourceSelector } from '../domain/selection.js';
import type { IsoDate, LineMode } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** Stream the date's versions through the selector, then grade against its actuals. */
export async function planFromStore(
  store: Store,
  gameDate: IsoDate,
  lines: LineMode,
  signal?: AbortSignal,
): Promise<DatePlan> {
  const actuals = await store.readActuals(gameDate);
  const selector = new SourceSelector(gameStartsFrom(actuals), lines);
  for await (const batch of store.streamPredictions(gameDate)) {
    signal?.throwIfAborted();
    selector.add(batch);
  }
  return planDate(gameDate, selector.result(), actuals);
}
