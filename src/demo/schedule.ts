/**
 * One date's games: 6–10 pairings of distinct teams, each with a game id like
 * `20260305_BOS_NYK` (away, then home) and an evening US start time in UTC.
 */
import { compareText } from '../domain/keys.js';
import type { IsoDate, IsoTimestamp } from '../domain/types.js';
import { addDays } from '../util/dates.js';
import type { SeededRandom } from './random.js';
import type { Team } from './roster.js';
import { timestampAt } from './time.js';

/** Start slots in minutes after midnight UTC of the day after the game date (23:00Z–03:00Z). */
const START_SLOTS_MINUTES = [-60, -30, 0, 30, 60, 90, 120, 150, 180] as const;

/** One scheduled game. */
export interface ScheduledGame {
  gameId: string;
  gameDate: IsoDate;
  away: Team;
  home: Team;
  startAt: IsoTimestamp;
}

/** Today's games for `date`, ordered by start time then game id. */
export function scheduleDate(
  date: IsoDate,
  league: readonly Team[],
  random: SeededRandom,
): ScheduledGame[] {
  const count = random.int(6, 10);
  const teams = random.shuffle(league);
  const nextDay = addDays(date, 1);
  const games: ScheduledGame[] = [];
  for (let i = 0; i < count; i++) {
    const away = teams[2 * i]!;
    const home = teams[2 * i + 1]!;
    const gameId = `${date.replaceAll('-', '')}_${away.abbr}_${home.abbr}`;
    const startAt = timestampAt(nextDay, random.pick(START_SLOTS_MINUTES));
    games.push({ gameId, gameDate: date, away, home, startAt });
  }
  return games.sort((a, b) =>
    a.startAt === b.startAt ? compareText(a.gameId, b.gameId) : compareText(a.startAt, b.startAt),
  );
}
