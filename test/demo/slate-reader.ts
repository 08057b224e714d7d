/**
 * Reads a generated slate back through csv-parse and derives, from the files alone, what grading
 * will see: late and withdrawn versions, the version selected per (player, game, system), source
 * duplicates, superseded lines, did-not-plays and pushes. Independent of the generator's code.
 */
import { parse } from 'csv-parse/sync';

/** One CSV record keyed by header. */
export type CsvRecord = Record<string, string>;

/** Parse CSV text into records (header row as keys). */
export function parseCsv(text: string): CsvRecord[] {
  return parse(text, { columns: true, skip_empty_lines: true }) as CsvRecord[];
}

/** The header row of CSV text. */
export function headerOf(text: string): string[] {
  return (parse(text, { to_line: 1 }) as string[][])[0] ?? [];
}

/** Key of an actual row or of a prediction's player-game. */
export function pairKey(r: CsvRecord): string {
  return `${r['player_lookup']}|${r['game_id']}`;
}

function tripleKey(r: CsvRecord): string {
  return `${r['system_id']}|${pairKey(r)}`;
}

/** Earliest game_start_at of each game in the actuals. */
export function gameStarts(actuals: readonly CsvRecord[]): Map<string, string> {
  const starts = new Map<string, string>();
  for (const a of actuals) {
    const known = starts.get(a['game_id']!);
    if (known === undefined || a['game_start_at']! < known)
      starts.set(a['game_id']!, a['game_start_at']!);
  }
  return starts;
}

/** Predictions created after their game's start. */
export function lateRows(predictions: readonly CsvRecord[], actuals: readonly CsvRecord[]) {
  const starts = gameStarts(actuals);
  return predictions.filter((p) => {
    const start = starts.get(p['game_id']!);
    return start !== undefined && Date.parse(p['created_at']!) > Date.parse(start);
  });
}

/** What source selection (`--lines latest`) keeps and drops, computed from the files. */
export interface DerivedSelection {
  selected: CsvRecord[];
  sourceDuplicates: number;
  supersededLines: number;
  /** Triples whose candidates carry more than one line. */
  movedTriples: number;
}

/** Select the newest on-time, non-withdrawn version per (player, game, system). */
export function selectLatest(
  predictions: readonly CsvRecord[],
  actuals: readonly CsvRecord[],
): DerivedSelection {
  const late = new Set(lateRows(predictions, actuals));
  const groups = new Map<string, CsvRecord[]>();
  for (const p of predictions) {
    if (p['is_active'] === 'false' || late.has(p)) continue;
    groups.set(tripleKey(p), [...(groups.get(tripleKey(p)) ?? []), p]);
  }
  const result: DerivedSelection = {
    selected: [],
    sourceDuplicates: 0,
    supersededLines: 0,
    movedTriples: 0,
  };
  for (const group of groups.values()) {
    const newest = group.reduce((a, b) =>
      Date.parse(b['created_at']!) > Date.parse(a['created_at']!) ? b : a,
    );
    result.selected.push(newest);
    const sameLine = group.filter((p) => p['line_value'] === newest['line_value']).length;
    result.sourceDuplicates += sameLine - 1;
    result.supersededLines += group.length - sameLine;
    if (new Set(group.map((p) => p['line_value'])).size > 1) result.movedTriples += 1;
  }
  return result;
}

/** How an actual row spells a did-not-play, or null when the player played (or the game did not). */
export function dnpStyle(a: CsvRecord): 'flagged' | 'zero_minutes' | null {
  if (a['game_status'] !== 'final') return null;
  if (a['is_dnp'] === 'true') return 'flagged';
  const noMinutes = a['minutes_played'] === '' || Number(a['minutes_played']) === 0;
  return a['points'] === '0' && noMinutes ? 'zero_minutes' : null;
}

/** Selected OVER/UNDER rows on a line equal to the points of a player who played. */
export function pushRows(selected: readonly CsvRecord[], actuals: readonly CsvRecord[]) {
  const byPair = new Map(actuals.map((a) => [pairKey(a), a]));
  return selected.filter((p) => {
    const a = byPair.get(pairKey(p));
    const bet = p['recommendation'] === 'OVER' || p['recommendation'] === 'UNDER';
    if (!bet || a === undefined || dnpStyle(a) !== null || a['points'] === '') return false;
    return p['line_value'] !== '' && Number(p['line_value']) === Number(a['points']);
  });
}
