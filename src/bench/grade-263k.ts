/**
 * Scenario grade-263k: one date of 263,274 predictions (the incident's worst day) graded end to
 * end as a user runs it — `propgrade grade --date D` as a child process: read, select, grade,
 * leased and fenced replace, post-write validation — into an empty partition and again replacing
 * the partition it just wrote, on SQLite and PostgreSQL, against the floor of its backend.
 */

import { runPropgrade } from './cli.js';
import { BACKENDS, type Backend, clearGraded } from './direct.js';
import type { BenchEnv } from './env.js';
import { type FloorRows, floorRowCount, floorRowsOf, runFloor } from './floor.js';
import { measurement, type ScenarioResult } from './result.js';
import { median } from './stats.js';
import { BENCH_DATE, cliOptions, type Datasets, gradeOnce } from './stores.js';

export const GRADE_METHOD =
  'propgrade grade --date D (child process, default lock of the backend) on a store filled by `propgrade ingest`; "empty" after the bench deleted the date\'s graded rows (and VACUUMed on PostgreSQL), "replace" right after, over the rows the first grade wrote. Floor in the same run: the same output rows bulk-loaded into a fresh empty table with the identical definition and indexes (SQLite: one prepared INSERT per row in one transaction, same pragmas; PostgreSQL: COPY FROM STDIN of a ready CSV into CREATE TABLE … LIKE prediction_accuracy INCLUDING ALL). Each run also times `propgrade --version` (the CLI start-up every command pays); in-process time is the durationMs of the grade report.';

const TARGET = { bound: 'max', of: 'ratio', value: 1.5 } as const;

interface BackendRuns {
  startup: number[];
  empty: number[];
  replace: number[];
  floor: number[];
  inProcess: number[];
  rssMb: number[];
}

async function measureBackend(
  env: BenchEnv,
  datasets: Datasets,
  backend: Backend,
): Promise<BackendRuns> {
  const store = await datasets.store(backend, 'grade');
  const rows = env.sizes.gradeDate;
  const out: BackendRuns = {
    startup: [],
    empty: [],
    replace: [],
    floor: [],
    inProcess: [],
    rssMb: [],
  };
  let floorRows: FloorRows | null = null;
  for (let run = 0; run < env.args.runs; run++) {
    await clearGraded(store, BENCH_DATE, BENCH_DATE);
    const first = await gradeOnce(env, store, BENCH_DATE, rows);
    const second = await gradeOnce(env, store, BENCH_DATE, rows);
    floorRows ??= await floorRowsOf(store, BENCH_DATE);
    if (floorRowCount(floorRows) !== rows) throw new Error('floor rows differ from graded rows');
    out.floor.push(await runFloor(store, env.workDir, floorRows));
    out.startup.push((await runPropgrade(['--version'], cliOptions(env))).wallMs);
    out.empty.push(first.run.wallMs);
    out.replace.push(second.run.wallMs);
    out.inProcess.push(first.report.durationMs);
    if (first.run.peakRssMb !== null) out.rssMb.push(first.run.peakRssMb);
    env.log(
      `grade-263k ${backend} run ${run + 1}: empty ${first.run.wallMs.toFixed(0)} ms, replace ${second.run.wallMs.toFixed(0)} ms, floor ${out.floor.at(-1)!.toFixed(0)} ms`,
    );
  }
  return out;
}

/** Run the scenario on both backends. */
export async function gradeScenario(
  env: BenchEnv,
  datasets: Datasets,
): Promise<Omit<ScenarioResult, 'durationMs'>> {
  const measurements = [];
  for (const backend of BACKENDS) {
    const runs = await measureBackend(env, datasets, backend);
    const floor = { name: `${backend} floor (bulk load)`, runs: runs.floor };
    const extra = {
      inProcessMsEmpty: Math.round(median(runs.inProcess)),
      cliStartupMs: Math.round(median(runs.startup)),
      peakRssMbEmpty: Math.round(median(runs.rssMb)),
      rows: env.sizes.gradeDate,
    };
    measurements.push(
      measurement({
        name: `${backend}: grade into empty partition`,
        unit: 'ms',
        runs: runs.empty,
        reference: floor,
        target: TARGET,
        extra,
      }),
      measurement({
        name: `${backend}: grade replacing the date`,
        unit: 'ms',
        runs: runs.replace,
        reference: floor,
        target: TARGET,
      }),
    );
  }
  return { name: 'grade-263k', status: 'ok', method: GRADE_METHOD, measurements };
}
