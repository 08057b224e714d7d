/** Command-line arguments of `npm run bench` and the data sizes they select. */
import { SCENARIOS, type ScenarioName } from './result.js';

/** Parsed arguments. */
export interface BenchArgs {
  out: string;
  runs: number;
  only: ScenarioName[];
  quick: boolean;
}

/** Data sizes of one bench: the full sizes of the issue, or small ones for a smoke run. */
export interface BenchSizes {
  gradeDate: number;
  memoryDate: number;
  backgroundRows: number;
  backgroundDates: number;
  lockOps: number;
  lockWarmup: number;
  /** Lock runs per `--runs` (lock runs are short, so more of them steady the medians). */
  lockRunsPerRun: number;
  backfillDates: number;
  backfillPerDate: number;
  /** Divisor applied to the incident's per-date cleanup table (1 = the real 497,304 rows). */
  cleanupScale: number;
}

export const FULL_SIZES: BenchSizes = {
  gradeDate: 263_274,
  memoryDate: 1_000_000,
  backgroundRows: 5_000_000,
  backgroundDates: 100,
  lockOps: 2000,
  lockWarmup: 200,
  lockRunsPerRun: 3,
  backfillDates: 30,
  backfillPerDate: 10_000,
  cleanupScale: 1,
};

export const QUICK_SIZES: BenchSizes = {
  gradeDate: 2_000,
  memoryDate: 5_000,
  backgroundRows: 20_000,
  backgroundDates: 10,
  lockOps: 40,
  lockWarmup: 5,
  lockRunsPerRun: 1,
  backfillDates: 4,
  backfillPerDate: 300,
  cleanupScale: 100,
};

export const USAGE = `usage: npm run bench -- [--out PATH] [--runs N] [--only name,name] [--quick]
  --out PATH   JSON results (default bench/results.json)
  --runs N     timed runs per measurement, at least 3 unless --quick (default 3)
  --only LIST  scenarios: ${SCENARIOS.join(', ')}
  --quick      small smoke sizes (numbers are not meaningful)`;

function flagValue(argv: readonly string[], i: number, flag: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
  return value;
}

function parseOnly(text: string): ScenarioName[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`unknown scenario "${name}" (known: ${SCENARIOS.join(', ')})`);
    }
  }
  return SCENARIOS.filter((s) => names.includes(s));
}

function parseRuns(text: string, quick: boolean): number {
  if (!/^\d+$/.test(text)) throw new Error(`--runs must be a whole number, got "${text}"`);
  const runs = Number(text);
  if (runs < (quick ? 1 : 3)) throw new Error('--runs must be at least 3 (or 1 with --quick)');
  return runs;
}

/** Parse the bench's arguments (throws an Error with a readable message on bad usage). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const quick = argv.includes('--quick');
  const args: BenchArgs = { out: 'bench/results.json', runs: 3, only: [...SCENARIOS], quick };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--quick') continue;
    if (flag === '--out') args.out = flagValue(argv, i++, flag);
    else if (flag === '--runs') args.runs = parseRuns(flagValue(argv, i++, flag), quick);
    else if (flag === '--only') args.only = parseOnly(flagValue(argv, i++, flag));
    else throw new Error(`unknown argument "${flag}"\n${USAGE}`);
  }
  return args;
}
