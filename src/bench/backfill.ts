/**
 * Scenario backfill: `propgrade backfill` of 30 dates on PostgreSQL with `--concurrency 4` vs
 * `--concurrency 1`, interleaved run by run (alternating which goes first), every run into
 * emptied partitions.
 */
import { runPropgradeJson } from './cli.js';
import { type BenchStore, clearGraded } from './direct.js';
import type { BenchEnv } from './env.js';
import { measurement, type ScenarioResult } from './result.js';
import { cliOptions, type Datasets, dbArgs } from './stores.js';

export const BACKFILL_METHOD =
  'A PostgreSQL store filled by `propgrade ingest` with 30 dates of N predictions each; each run empties the graded partitions, then times `propgrade backfill --from --to --concurrency C` (child process, PostgreSQL lock) for C = 1 and C = 4 in alternating order. Ratio = sequential median / 4-way median.';

const CONCURRENCY = 4;

async function timeBackfill(
  env: BenchEnv,
  store: BenchStore,
  dates: string[],
  concurrency: number,
): Promise<number> {
  const from = dates[0]!;
  const to = dates.at(-1)!;
  await clearGraded(store, from, to);
  const { run, json } = await runPropgradeJson<{ summary: { succeeded: number } }>(
    [
      'backfill',
      '--from',
      from,
      '--to',
      to,
      '--concurrency',
      String(concurrency),
      ...dbArgs(store),
    ],
    cliOptions(env),
  );
  if (json.summary.succeeded !== dates.length) {
    throw new Error(`backfill graded ${json.summary.succeeded} of ${dates.length} dates`);
  }
  return run.wallMs;
}

/** Run the scenario (PostgreSQL only). */
export async function backfillScenario(
  env: BenchEnv,
  datasets: Datasets,
): Promise<Omit<ScenarioResult, 'durationMs'>> {
  const store = await datasets.store('postgres', 'backfill');
  const dates = datasets.filesOf('backfill').dates;
  const runs = { sequential: [] as number[], concurrent: [] as number[] };
  for (let run = 0; run < env.args.runs; run++) {
    const order = run % 2 ? [CONCURRENCY, 1] : [1, CONCURRENCY];
    for (const concurrency of order) {
      const ms = await timeBackfill(env, store, dates, concurrency);
      (concurrency === 1 ? runs.sequential : runs.concurrent).push(ms);
    }
    env.log(
      `backfill run ${run + 1}: sequential ${runs.sequential.at(-1)!.toFixed(0)} ms, ${CONCURRENCY}-way ${runs.concurrent.at(-1)!.toFixed(0)} ms`,
    );
  }
  const measurements = [
    measurement({
      name: `postgres: backfill ${dates.length} dates, ${CONCURRENCY}-way`,
      unit: 'ms',
      runs: runs.concurrent,
      reference: { name: 'sequential', runs: runs.sequential },
      ratioOf: 'reference/value',
      target: { bound: 'min', of: 'ratio', value: 1.6 },
      extra: { predictionsPerDate: env.sizes.backfillPerDate },
    }),
  ];
  return { name: 'backfill', status: 'ok', method: BACKFILL_METHOD, measurements };
}
