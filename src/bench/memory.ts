/**
 * Scenario memory: the peak RSS of `propgrade grade --date D` on a date of 1,000,000 predictions,
 * on each backend, with the settings the scale scenario uses (the CLI's defaults, an emptied
 * partition). The peak is the child's getrusage ru_maxrss, reported at exit (see cli.ts).
 */
import { BACKENDS, clearGraded } from './direct.js';
import type { BenchEnv } from './env.js';
import { type Measurement, measurement, type ScenarioResult } from './result.js';
import { median } from './stats.js';
import { BENCH_DATE, type Datasets, gradeOnce } from './stores.js';

export const MEMORY_METHOD =
  "A store per backend filled by `propgrade ingest` with one date of N predictions; each run empties the partition, then runs `propgrade grade --date D` as a child process (default settings, as in scale) and takes the child's peak RSS (getrusage ru_maxrss of the process, written at exit by a `node --import` hook of the bench).";

/** Run the scenario on both backends. */
export async function memoryScenario(
  env: BenchEnv,
  datasets: Datasets,
): Promise<Omit<ScenarioResult, 'durationMs'>> {
  const measurements: Measurement[] = [];
  const size = env.sizes.memoryDate;
  for (const backend of BACKENDS) {
    const store = await datasets.store(backend, 'memory');
    const rss: number[] = [];
    const wall: number[] = [];
    for (let run = 0; run < env.args.runs; run++) {
      await clearGraded(store, BENCH_DATE, BENCH_DATE);
      const { run: child } = await gradeOnce(env, store, BENCH_DATE, size);
      if (child.peakRssMb === null) throw new Error('the grade child reported no peak RSS');
      rss.push(child.peakRssMb);
      wall.push(child.wallMs);
      env.log(
        `memory ${backend} run ${run + 1}: ${child.peakRssMb.toFixed(0)} MB, ${child.wallMs.toFixed(0)} ms`,
      );
    }
    measurements.push(
      measurement({
        name: `${backend}: peak RSS grading ${size.toLocaleString('en-US')} predictions`,
        unit: 'MB',
        runs: rss,
        target: { bound: 'max', of: 'value', value: 300 },
        extra: { gradeMsMedian: Math.round(median(wall)) },
      }),
    );
  }
  return { name: 'memory', status: 'ok', method: MEMORY_METHOD, measurements };
}
