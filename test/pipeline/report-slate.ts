/**
 * A small slate for the cleanup tests: predictions and actuals files (the exact input format) of
 * one date, one game, a few players and systems; optionally one player's line moving intraday.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoDate } from '../../src/domain/types.js';

export interface SlateOptions {
  players?: number;
  systems?: readonly string[];
  /** Give the first player of the first system a second version at another line, later. */
  lineMoves?: boolean;
}

/** Write `<dir>/<date>-predictions.csv` and `<date>-actuals.csv`; returns their paths. */
export function writeSlate(dir: string, date: IsoDate, opts: SlateOptions = {}) {
  const players = opts.players ?? 4;
  const systems = opts.systems ?? ['sys_a', 'sys_b'];
  const game = `${date.replaceAll('-', '')}_BOS_NYK`;
  const predictions = [
    'system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,confidence_score,created_at',
  ];
  for (const system of systems) {
    for (let i = 0; i < players; i++) {
      const line = 10.5 + i;
      const call = i % 2 === 0 ? 'OVER' : 'UNDER';
      predictions.push(
        `${system},player_${i},${game},${date},${line},${line + 1},${call},0.6,${date}T12:00:00Z`,
      );
    }
  }
  if (opts.lineMoves)
    predictions.push(`${systems[0]},player_0,${game},${date},12.5,14,OVER,0.6,${date}T13:00:00Z`);
  const actuals = ['player_lookup,game_id,game_date,points,minutes_played'];
  for (let i = 0; i < players; i++) actuals.push(`player_${i},${game},${date},${12 + (i % 3)},30`);
  const files = {
    predictions: join(dir, `${date}-predictions.csv`),
    actuals: join(dir, `${date}-actuals.csv`),
  };
  writeFileSync(files.predictions, `${predictions.join('\n')}\n`);
  writeFileSync(files.actuals, `${actuals.join('\n')}\n`);
  return files;
}

/** The `<barrier>.arrived.<pid>` files left by processes that reached a barrier failpoint. */
export function arrivals(barrier: string): string[] {
  const dir = join(barrier, '..');
  const prefix = `${barrier.slice(dir.length + 1)}.arrived.`;
  return readdirSync(dir).filter((f) => f.startsWith(prefix));
}

/** Wait until `check` holds, polling every 20 ms, failing after `ms`. */
export async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
