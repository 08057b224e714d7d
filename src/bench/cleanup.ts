/**
 * Scenario cleanup: `propgrade dedupe` (backup, delete, verify, guard, recompute) of the
 * incident-shaped table vs a plain `CREATE TABLE … AS SELECT DISTINCT *` of the same table, on
 * both backends. Each run imports the table afresh into a new store (`import accuracy
 * --drop-guard`, untimed), times the floor on it, then times dedupe.
 */
import { runPropgradeJson } from './cli.js';
import { BACKENDS, type Backend, type BenchStore, openSqlite, withPg } from './direct.js';
import type { BenchEnv } from './env.js';
import { type IncidentFile, writeIncidentAccuracy } from './incident-data.js';
import { type Measurement, measurement, type ScenarioResult } from './result.js';
import { cliHasCommand, cliOptions, createStore, type Datasets, dbArgs } from './stores.js';

export const CLEANUP_METHOD =
  'Per run a new store gets the incident-shaped table (5 dates, 497,304 rows, 306,489 keys, 190,815 duplicate rows that are exact copies, 3% NULL lines) through `propgrade import accuracy FILE --drop-guard` (untimed). Floor, timed first on that table: CREATE TABLE t AS SELECT DISTINCT * FROM prediction_accuracy (direct SQL, same connection settings). Then `propgrade dedupe` over all dates (child process: leases, backup table, delete, verify, guard reinstalled, performance recomputed). Ratio = dedupe median / floor median.';

const DISTINCT_SQL = 'CREATE TABLE bench_distinct AS SELECT DISTINCT * FROM prediction_accuracy';

interface DedupeJson {
  removed: number;
  after: { rows: number; uniqueKeys: number };
  guardInstalled: boolean;
}

async function timeDistinct(store: BenchStore): Promise<{ ms: number; rows: number }> {
  const count = 'SELECT count(*) AS n FROM bench_distinct';
  if (store.backend === 'sqlite') {
    const db = openSqlite(store.file!);
    try {
      const started = performance.now();
      db.exec(DISTINCT_SQL);
      const ms = performance.now() - started;
      const rows = Number((db.prepare(count).get() as { n: number }).n);
      db.exec('DROP TABLE bench_distinct');
      return { ms, rows };
    } finally {
      db.close();
    }
  }
  return withPg(store, async (client) => {
    const started = performance.now();
    await client.query(DISTINCT_SQL);
    const ms = performance.now() - started;
    const rows = Number((await client.query(count)).rows[0].n);
    await client.query('DROP TABLE bench_distinct');
    return { ms, rows };
  });
}

async function importTable(env: BenchEnv, backend: Backend, table: IncidentFile, run: number) {
  const label = `cleanup${run}_${backend === 'sqlite' ? 'lite' : 'pg'}`;
  const store = await createStore(env, backend, label);
  await runPropgradeJson(
    ['import', 'accuracy', table.file, '--drop-guard', ...dbArgs(store)],
    cliOptions(env),
  );
  return store;
}

async function oneRun(
  env: BenchEnv,
  datasets: Datasets,
  backend: Backend,
  table: IncidentFile,
  run: number,
) {
  const store = await datasets.prepareStep(
    `import the cleanup table (${backend}, run ${run + 1})`,
    () => importTable(env, backend, table, run),
  );
  const floor = await timeDistinct(store);
  if (floor.rows !== table.keys)
    throw new Error(`SELECT DISTINCT kept ${floor.rows} rows, expected ${table.keys}`);
  const { run: child, json } = await runPropgradeJson<DedupeJson>(
    ['dedupe', ...dbArgs(store)],
    cliOptions(env),
  );
  if (json.after.rows !== table.keys || !json.guardInstalled) {
    throw new Error(
      `dedupe left ${json.after.rows} rows (expected ${table.keys}), guard ${json.guardInstalled}`,
    );
  }
  return { floorMs: floor.ms, dedupeMs: child.wallMs };
}

/** Run the scenario on both backends (not measurable when the CLI has no dedupe/import). */
export async function cleanupScenario(
  env: BenchEnv,
  datasets: Datasets,
): Promise<Omit<ScenarioResult, 'durationMs'>> {
  const missing = [];
  for (const command of ['dedupe', 'import']) {
    if (!(await cliHasCommand(env, command))) missing.push(command);
  }
  if (missing.length) {
    const note = `the built CLI has no ${missing.join(' or ')} command`;
    return {
      name: 'cleanup',
      status: 'not_measurable',
      method: CLEANUP_METHOD,
      measurements: [],
      note,
    };
  }
  const table = await datasets.prepareStep('generate the cleanup table', () =>
    writeIncidentAccuracy(env.workDir, env.sizes.cleanupScale),
  );
  const measurements: Measurement[] = [];
  for (const backend of BACKENDS) {
    const floor: number[] = [];
    const dedupe: number[] = [];
    for (let run = 0; run < env.args.runs; run++) {
      const result = await oneRun(env, datasets, backend, table, run);
      floor.push(result.floorMs);
      dedupe.push(result.dedupeMs);
      env.log(
        `cleanup ${backend} run ${run + 1}: dedupe ${result.dedupeMs.toFixed(0)} ms, SELECT DISTINCT ${result.floorMs.toFixed(0)} ms`,
      );
    }
    measurements.push(
      measurement({
        name: `${backend}: dedupe ${table.rows.toLocaleString('en-US')} rows`,
        unit: 'ms',
        runs: dedupe,
        reference: { name: 'CREATE TABLE AS SELECT DISTINCT', runs: floor },
        target: { bound: 'max', of: 'ratio', value: 3 },
        extra: { rows: table.rows, uniqueKeys: table.keys, duplicateRows: table.rows - table.keys },
      }),
    );
  }
  return { name: 'cleanup', status: 'ok', method: CLEANUP_METHOD, measurements };
}
