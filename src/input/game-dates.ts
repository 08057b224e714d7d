/** The one-date-per-game rule within a file: a game_id seen under two game_dates is bad input. */
import type { IsoDate } from '../domain/types.js';
import type { InputError } from '../errors.js';
import { fieldError, showValue } from './problems.js';

/** Remembers the first date (and line) of every game_id in a file. */
export class GameDates {
  private readonly first = new Map<string, { date: IsoDate; line: number }>();

  constructor(private readonly file: string) {}

  /** The problem when `gameId` was seen under another date before, else null (and remembered). */
  check(gameId: string, gameDate: IsoDate, line: number): InputError | null {
    const seen = this.first.get(gameId);
    if (seen === undefined) {
      this.first.set(gameId, { date: gameDate, line });
      return null;
    }
    if (seen.date === gameDate) return null;
    const what = `game_id ${showValue(gameId)} is under ${seen.date} on line ${seen.line}; a game has one date`;
    return fieldError(this.file, line, 'game_date', what, gameDate);
  }
}
