/**
 * `npm run bench`: runs the scenarios, prints a table and writes JSON (`--out`, default
 * bench/results.json). Every scenario measures its floor or peer in the same run and reports the
 * median of `--runs` runs (at least 3), with the machine it ran on. Not part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchArgs, parseBenchArgs, USAGE } from './args.js';
import { backfillScenario } from './backfill.js';
import { cleanupScenario } from './cleanup.js';
import { type BenchEnv, createBenchEnv } from './env.js';
import { gradeScenario } from './grade-263k.js';
import { lockScenario } from './lock.js';
import { describeMachine, type MachineInfo } from './machine.js';
import { memoryScenario } from './memory.js';
import { type LockOverhead, lockOverhead } from './overhead.js';
import type { ScenarioName, ScenarioResult } from './result.js';
import { scaleScenario } from './scale.js';
import { Datasets } from './stores.js';
import { renderTable } from './table.js';

type Runner = (env: BenchEnv, datasets: Datasets) => Promise<Omit<ScenarioResult, 'durationMs'>>;

const RUNNERS: Record<ScenarioName, Runner> = {
  'grade-263k': gradeScenario,
  lock: (env) => lockScenario(env),
  scale: scaleScenario,
  memory: memoryScenario,
  cleanup: cleanupScenario,
  backfill: backfillScenario,
};

/** The JSON document the bench writes. */
export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  args: BenchArgs;
  machine: MachineInfo;
  scenarios: ScenarioResult[];
  lockOverhead: LockOverhead[];
  /** Untimed preparation (data generation, CLI ingests, bulk loads) and its durations. */
  setup: { what: string; ms: number }[];
}

async function runScenario(env: BenchEnv, datasets: Datasets, name: ScenarioName) {
  const started = performance.now();
  env.log(`scenario ${name}`);
  try {
    const result = await RUNNERS[name](env, datasets);
    return { ...result, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    env.log(`scenario ${name} failed: ${err instanceof Error ? err.stack : String(err)}`);
    return {
      name,
      status: 'failed' as const,
      durationMs: Math.round(performance.now() - started),
      method: '',
      measurements: [],
      note: err instanceof Error ? err.message.split('\n')[0] : String(err),
    };
  }
}

/** Run the bench with `argv`; resolves to the process exit code. */
export async function benchMain(argv: readonly string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const env = createBenchEnv(args);
  const startedAt = new Date();
  const machine = await describeMachine(env.pgUrl, env.redisUrl);
  const datasets = new Datasets(env);
  const scenarios: ScenarioResult[] = [];
  try {
    for (const name of args.only) scenarios.push(await runScenario(env, datasets, name));
  } finally {
    await env.cleanup();
  }
  machine.loadAverageAtEnd = Math.round(loadavg()[0]! * 100) / 100;
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    args,
    machine,
    scenarios,
    lockOverhead: lockOverhead(scenarios),
    setup: datasets.setup,
  };
  const out = resolve(args.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${renderTable(scenarios, machine)}\n\nresults written to ${out}\n`);
  return scenarios.some((s) => s.status === 'failed') ? 1 : 0;
}

const entry = process.argv[1];
if (entry && resolve(entry) === fileURLToPath(import.meta.url)) {
  benchMain(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
