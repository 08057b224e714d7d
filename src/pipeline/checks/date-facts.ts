/** Per-date summaries of a window's games: selected predictions, pending games, actuals. */
import type { IsoDate } from '../../domain/types.js';
import type { GameFacts } from '../../store/store.js';

/** One date as the checks see it. */
export interface DateSummary {
  gameDate: IsoDate;
  /** Selected (active) predictions. */
  selected: number;
  /** Selected predictions in pending games (no actual rows, or postponed): not graded. */
  pending: number;
  /** Games with selected predictions. */
  games: number;
  /** Games with selected predictions and no actual rows at all. */
  gamesWithoutActuals: string[];
  actualRows: number;
}

function blank(gameDate: IsoDate): DateSummary {
  return { gameDate, selected: 0, pending: 0, games: 0, gamesWithoutActuals: [], actualRows: 0 };
}

/** Summaries by date, from per-game facts. */
export function summariseDates(facts: readonly GameFacts[]): Map<IsoDate, DateSummary> {
  const out = new Map<IsoDate, DateSummary>();
  for (const f of facts) {
    const day = out.get(f.gameDate) ?? blank(f.gameDate);
    out.set(f.gameDate, day);
    day.actualRows += f.actualRows;
    if (f.activePredictions === 0) continue;
    day.selected += f.activePredictions;
    day.games += 1;
    if (f.actualRows === 0) day.gamesWithoutActuals.push(f.gameId);
    if (f.actualRows === 0 || f.postponedRows > 0) day.pending += f.activePredictions;
  }
  return out;
}

/** True when every game with selected predictions has actual rows. */
export function actualsComplete(day: DateSummary): boolean {
  return day.selected > 0 && day.gamesWithoutActuals.length === 0;
}

/** The command that grades these dates again: one `grade`, or a `backfill` over their span. */
export function regradeCommand(dates: readonly IsoDate[], stale = false): string | null {
  if (dates.length === 0) return null;
  const sorted = [...dates].sort();
  if (sorted.length === 1 && !stale) return `propgrade grade --date ${sorted[0]}`;
  const tail = stale ? ' --stale' : '';
  return `propgrade backfill --from ${sorted[0]} --to ${sorted[sorted.length - 1]}${tail}`;
}
