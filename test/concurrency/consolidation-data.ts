/**
 * A deterministic scenario of overlapping prediction batches from several producers for the same
 * dates: exact duplicates (the same version in several files, and twice in one file), stale
 * versions (old versions delivered again), withdrawn versions (is_active=false), lines that move
 * and move back, ties on created_at, NULL lines, and versions created after a game's start. Every
 * version is written identically wherever it appears (prediction ids are derived from the
 * business key and created_at), so any arrival order must end in the same predictions table.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCENARIO_DATES = ['2026-04-01', '2026-04-02'] as const;

const GAMES = [
  { gameId: '20260401_BOS_NYK', gameDate: '2026-04-01', startAt: '2026-04-01T13:30:00Z' },
  { gameId: '20260401_LAL_GSW', gameDate: '2026-04-01', startAt: '2026-04-02T02:00:00Z' },
  { gameId: '20260402_MIA_CHI', gameDate: '2026-04-02', startAt: '' },
] as const;
const SYSTEMS = ['sys_a', 'sys_b'] as const;
const PLAYERS_PER_GAME = 5;

const HEADER =
  'system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,confidence_score,created_at,is_active';

/** A seeded PRNG (mulberry32): the same seed gives the same scenario. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle with the given random source. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Step {
  at: string;
  line: number | null;
  withdrawn?: boolean;
}

/** The versions of one triple over the day: a line that moves and moves back, and extras. */
function timeline(base: number, random: () => number): Step[] {
  const steps: Step[] = [
    { at: '10:00', line: base },
    { at: '11:00', line: base + 1 },
    { at: '12:00', line: base },
  ];
  if (random() < 0.25) steps.push({ at: '12:00', line: base + 1.5 });
  if (random() < 0.35) steps.push({ at: '13:00', line: base + 0.5, withdrawn: true });
  if (random() < 0.35) steps.push({ at: '14:00', line: base - 0.5 });
  if (random() < 0.2) steps.push({ at: '09:00', line: null });
  return steps;
}

function csvRow(
  triple: { systemId: string; player: string; gameId: string; gameDate: string },
  step: Step,
  random: () => number,
): string {
  const predicted = Math.round(((step.line ?? 15) + (random() * 8 - 4)) * 10) / 10;
  const recommendation = step.line === null ? 'NO_LINE' : predicted > step.line ? 'OVER' : 'UNDER';
  const confidence = (0.5 + random() * 0.4).toFixed(3);
  return [
    triple.systemId,
    triple.player,
    triple.gameId,
    triple.gameDate,
    step.line ?? '',
    predicted,
    recommendation,
    confidence,
    `${triple.gameDate}T${step.at}:00Z`,
    step.withdrawn ? 'false' : 'true',
  ].join(',');
}

/** Producers (indexes) that deliver one version: each with probability 1/2, at least one. */
function deliverers(producers: number, random: () => number): number[] {
  const chosen = Array.from({ length: producers }, (_, i) => i).filter(() => random() < 0.5);
  return chosen.length > 0 ? chosen : [Math.floor(random() * producers)];
}

/** The CSV text of each producer's batch. */
export function producerFiles(seed: number, producers = 4): string[] {
  const random = seededRandom(seed);
  const rows: string[][] = Array.from({ length: producers }, () => []);
  for (const game of GAMES) {
    for (let p = 0; p < PLAYERS_PER_GAME; p++) {
      for (const systemId of SYSTEMS) {
        const triple = { systemId, player: `player_${game.gameId.slice(-7)}_${p}`, ...game };
        const base = 10 + Math.floor(random() * 40) / 2;
        for (const step of timeline(base, random)) {
          const row = csvRow(triple, step, random);
          for (const k of deliverers(producers, random)) {
            rows[k]!.push(row);
            if (random() < 0.1) rows[k]!.push(row);
          }
        }
      }
    }
  }
  return rows.map((r) => `${HEADER}\n${shuffled(r, random).join('\n')}\n`);
}

/** Actuals of every player of every game; the first game starts mid-day (later versions are late). */
export function actualsFile(): string {
  const head =
    'player_lookup,game_id,game_date,points,minutes_played,is_dnp,game_status,game_start_at';
  const rows: string[] = [];
  for (const game of GAMES) {
    for (let p = 0; p < PLAYERS_PER_GAME; p++) {
      const player = `player_${game.gameId.slice(-7)}_${p}`;
      rows.push(
        `${player},${game.gameId},${game.gameDate},${10 + p * 3},30,false,final,${game.startAt}`,
      );
    }
  }
  return `${head}\n${rows.join('\n')}\n`;
}

/** Write the scenario's files into `dir`: `actuals.csv` and `producer-<k>.csv`. */
export function writeScenario(
  dir: string,
  seed: number,
  producers = 4,
): { actuals: string; batches: string[] } {
  const actuals = join(dir, 'actuals.csv');
  writeFileSync(actuals, actualsFile());
  const batches = producerFiles(seed, producers).map((text, k) => {
    const file = join(dir, `producer-${k}.csv`);
    writeFileSync(file, text);
    return file;
  });
  return { actuals, batches };
}
