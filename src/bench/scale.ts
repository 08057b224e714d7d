/**
 * Scenario scale: grading one date (the grade-263k date, same CLI settings) into a table with no
 * other rows vs into a table holding 5,000,000 rows of other dates, interleaved run by run, on
 * both backends; and `propgrade validate --date D` on that date in both tables.
 */
import { type Background, loadBackground } from './background.js';
import { runPropgradeJson } from './cli.js';
import { BACKENDS, type Backend, type BenchStore, clearGraded } from './direct.js';
import type { BenchEnv } from './env.js';
import { type Measurement, measurement, type ScenarioResult } from './result.js';
import { BENCH_DATE, cliOptions, type Datasets, dbArgs, gradeOnce } from './stores.js';

export const SCALE_METHOD =
  'Two stores per backend, each filled by `propgrade ingest` with the grade-263k date; one also holds N rows of 100 other dates, bulk-loaded straight into prediction_accuracy by the bench (generated in SQL, indexes rebuilt after, PostgreSQL VACUUM ANALYZEd). Each run grades the date with `propgrade grade --date D` into an emptied partition of each store (order alternating), then times `propgrade validate --date D` (child process, exit 0 or 1 accepted). Ratio = median grade time with the background / without.';

interface Side {
  grade: number[];
  validate: number[];
}

async function timeValidate(env: BenchEnv, store: BenchStore): Promise<number> {
  const { run } = await runPropgradeJson(['validate', '--date', BENCH_DATE, ...dbArgs(store)], {
    ...cliOptions(env),
    accept: [0, 1],
  });
  return run.wallMs;
}

async function measureBackend(env: BenchEnv, datasets: Datasets, backend: Backend) {
  const plain = await datasets.store(backend, 'grade');
  const big = await datasets.store(backend, 'grade', '_bg');
  const bg: Background = { rows: env.sizes.backgroundRows, dates: env.sizes.backgroundDates };
  env.log(`scale ${backend}: loading ${bg.rows} background rows`);
  await datasets.prepareStep(`load ${bg.rows} background rows (${backend})`, () =>
    loadBackground(big, bg),
  );
  const sides = new Map<BenchStore, Side>([
    [plain, { grade: [], validate: [] }],
    [big, { grade: [], validate: [] }],
  ]);
  for (let run = 0; run < env.args.runs; run++) {
    for (const store of run % 2 ? [big, plain] : [plain, big]) {
      await clearGraded(store, BENCH_DATE, BENCH_DATE);
      const graded = await gradeOnce(env, store, BENCH_DATE, env.sizes.gradeDate);
      sides.get(store)!.grade.push(graded.run.wallMs);
      sides.get(store)!.validate.push(await timeValidate(env, store));
    }
    env.log(
      `scale ${backend} run ${run + 1}: grade ${sides.get(plain)!.grade.at(-1)!.toFixed(0)} vs ${sides.get(big)!.grade.at(-1)!.toFixed(0)} ms`,
    );
  }
  return { plain: sides.get(plain)!, big: sides.get(big)! };
}

/** Run the scenario on both backends. */
export async function scaleScenario(
  env: BenchEnv,
  datasets: Datasets,
): Promise<Omit<ScenarioResult, 'durationMs'>> {
  const measurements: Measurement[] = [];
  const rows = env.sizes.backgroundRows.toLocaleString('en-US');
  for (const backend of BACKENDS) {
    const { plain, big } = await measureBackend(env, datasets, backend);
    measurements.push(
      measurement({
        name: `${backend}: grade with ${rows} other rows`,
        unit: 'ms',
        runs: big.grade,
        reference: { name: 'grade into empty table', runs: plain.grade },
        target: { bound: 'max', of: 'ratio', value: 1.2 },
      }),
      measurement({
        name: `${backend}: validate one date with ${rows} other rows`,
        unit: 'ms',
        runs: big.validate,
        reference: { name: 'validate in empty table', runs: plain.validate },
      }),
    );
  }
  return { name: 'scale', status: 'ok', method: SCALE_METHOD, measurements };
}
