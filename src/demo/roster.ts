/**
 * The demo league: 30 teams with real-looking abbreviations and eight invented players each. The
 * roster is fixed (its own constant seed), so every demo seed plays the same league.
 */
import { SeededRandom } from './random.js';

/** Team abbreviations of the demo league. */
export const TEAM_ABBREVIATIONS = [
  'ATL',
  'BKN',
  'BOS',
  'CHA',
  'CHI',
  'CLE',
  'DAL',
  'DEN',
  'DET',
  'GSW',
  'HOU',
  'IND',
  'LAC',
  'LAL',
  'MEM',
  'MIA',
  'MIL',
  'MIN',
  'NOP',
  'NYK',
  'OKC',
  'ORL',
  'PHI',
  'PHX',
  'POR',
  'SAC',
  'SAS',
  'TOR',
  'UTA',
  'WAS',
] as const;

const FIRST_NAMES = [
  'marcus',
  'devin',
  'jalen',
  'tyrese',
  'keon',
  'darius',
  'malik',
  'andre',
  'caleb',
  'isaiah',
  'jordan',
  'trey',
  'damon',
  'elijah',
  'omar',
  'rashad',
  'terrence',
  'victor',
  'luka',
  'nikola',
  'bojan',
  'mateo',
  'kofi',
  'amari',
  'xavier',
  'corey',
  'dante',
  'julian',
  'miles',
  'quentin',
  'reggie',
  'shawn',
  'tobias',
  'wendell',
  'zion',
  'aaron',
  'bryce',
  'cedric',
  'desmond',
  'emeka',
] as const;

const LAST_NAMES = [
  'holloway',
  'brantley',
  'okafor',
  'whitfield',
  'castellano',
  'pruitt',
  'mbeki',
  'lindqvist',
  'draper',
  'fontaine',
  'garrity',
  'hendrix',
  'ingram',
  'jovanovic',
  'kessler',
  'lattimore',
  'merriweather',
  'novak',
  'odom',
  'pettaway',
  'quarles',
  'rosario',
  'sandoval',
  'thibodeaux',
  'underwood',
  'vasquez',
  'wainwright',
  'yancey',
  'zeller',
  'abernathy',
  'bellamy',
  'crowder',
  'dunleavy',
  'ellison',
  'fairchild',
  'greer',
  'haskins',
  'iverson',
  'jessup',
  'kirkland',
] as const;

/** Typical season scoring average by roster slot (star first), as [low, high) bounds. */
const SLOT_MEANS: readonly (readonly [number, number])[] = [
  [22, 34],
  [16, 26],
  [13, 20],
  [10, 17],
  [8, 14],
  [6, 12],
  [5, 10],
  [5, 9],
];

const ROSTER_SEED = 20_260_305;

/** One player of the demo league. */
export interface Player {
  /** Lowercase concatenated name, e.g. `marcusholloway`. */
  lookup: string;
  teamAbbr: string;
  /** Season scoring average: the centre of the player's per-game mean. */
  seasonMean: number;
  /** Typical minutes when healthy. */
  minutesMean: number;
}

/** One team of the demo league with its players, star first. */
export interface Team {
  abbr: string;
  players: readonly Player[];
}

function uniqueLookup(random: SeededRandom, taken: Set<string>): string {
  for (;;) {
    const lookup = random.pick(FIRST_NAMES) + random.pick(LAST_NAMES);
    if (!taken.has(lookup)) {
      taken.add(lookup);
      return lookup;
    }
  }
}

function buildTeam(abbr: string, random: SeededRandom, taken: Set<string>): Team {
  const players = SLOT_MEANS.map(([low, high]) => {
    const seasonMean = Math.round(random.uniform(low, high) * 10) / 10;
    const minutesMean = Math.min(37, 16 + seasonMean * 0.6 + random.uniform(0, 3));
    return { lookup: uniqueLookup(random, taken), teamAbbr: abbr, seasonMean, minutesMean };
  });
  return { abbr, players };
}

/** The fixed demo league: the same 30 teams and 240 players on every call. */
export function buildLeague(): readonly Team[] {
  const random = SeededRandom.derive(ROSTER_SEED);
  const taken = new Set<string>();
  return TEAM_ABBREVIATIONS.map((abbr) => buildTeam(abbr, random, taken));
}
