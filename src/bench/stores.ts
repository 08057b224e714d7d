/**
 * Bench stores, set up the way a user sets one up: `propgrade init`, `ingest actuals` and
 * `ingest predictions` of generated CSV files, as child processes. Datasets and stores are made
 * once per bench run and shared by the scenarios that need them.
 */
import { join } from 'node:path';
import { type CliOptions, type CliRun, runPropgrade, runPropgradeJson } from './cli.js';
import { type BenchFiles, writeBenchFiles } from './data.js';
import type { Backend, BenchStore } from './direct.js';
import type { BenchEnv } from './env.js';

/** The game date graded by the single-date scenarios. */
export const BENCH_DATE = '2026-01-10';

/** Options for CLI children of this bench run (its work folder and lock namespace). */
export function cliOptions(env: BenchEnv): CliOptions {
  return { workDir: env.workDir, env: { PROPGRADE_LOCK_NAMESPACE: env.namespace } };
}

/** `--db` of a store (the lock is each backend's default: a `.locks` file, or the database). */
export function dbArgs(store: BenchStore): string[] {
  return ['--db', store.dbUrl];
}

/** Create an empty, migrated store named `label` on `backend`. */
export async function createStore(
  env: BenchEnv,
  backend: Backend,
  label: string,
): Promise<BenchStore> {
  const store: BenchStore =
    backend === 'sqlite'
      ? {
          backend,
          dbUrl: `sqlite:${join(env.workDir, `${label}.db`)}`,
          file: join(env.workDir, `${label}.db`),
          schema: null,
        }
      : {
          backend,
          dbUrl: await env.newSchema(label),
          file: null,
          schema: `bench_${env.tag}_${label}`,
        };
  await runPropgradeJson(['init', ...dbArgs(store)], cliOptions(env));
  return store;
}

/** Ingest the actuals, then the predictions, of `files` through the CLI. */
export async function ingestFiles(env: BenchEnv, store: BenchStore, files: BenchFiles) {
  const opts = cliOptions(env);
  await runPropgradeJson(['ingest', 'actuals', files.actualsFile, ...dbArgs(store)], opts);
  const { json } = await runPropgradeJson<{ rowsRead: number }>(
    ['ingest', 'predictions', files.predictionsFile, ...dbArgs(store)],
    opts,
  );
  if (json.rowsRead !== files.predictions) {
    throw new Error(`ingest read ${json.rowsRead} predictions, expected ${files.predictions}`);
  }
}

/** The grade report fields the bench reads. */
export interface GradeJson {
  status: string;
  rowsWritten: number;
  rowsReplaced: number;
  durationMs: number;
}

/** `propgrade grade --date D` on a store; fails unless it succeeded with `expectRows` rows. */
export async function gradeOnce(
  env: BenchEnv,
  store: BenchStore,
  date: string,
  expectRows: number,
): Promise<{ run: CliRun; report: GradeJson }> {
  const { run, json } = await runPropgradeJson<GradeJson>(
    ['grade', '--date', date, ...dbArgs(store)],
    cliOptions(env),
  );
  if (json.status !== 'succeeded' || json.rowsWritten !== expectRows) {
    throw new Error(`grade ${date} ended ${json.status} with ${json.rowsWritten} rows`);
  }
  return { run, report: json };
}

/** Whether the built CLI has a command (e.g. `validate`, `dedupe`). */
export async function cliHasCommand(env: BenchEnv, command: string): Promise<boolean> {
  const run = await runPropgrade([command, '--help'], cliOptions(env));
  return run.code === 0;
}

type DatasetKind = 'grade' | 'memory' | 'backfill';

/** Generated files and prepared stores, made on first use. */
export class Datasets {
  private readonly files = new Map<DatasetKind, BenchFiles>();
  private readonly stores = new Map<string, Promise<BenchStore>>();
  /** Untimed preparation work (generation, ingest, bulk loads) and how long each took. */
  readonly setup: { what: string; ms: number }[] = [];

  constructor(private readonly env: BenchEnv) {}

  /** Run and record one piece of untimed preparation. */
  async prepareStep<T>(what: string, step: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    const result = await step();
    this.setup.push({ what, ms: Math.round(performance.now() - started) });
    return result;
  }

  /** The generated files of a dataset. */
  filesOf(kind: DatasetKind): BenchFiles {
    let files = this.files.get(kind);
    if (!files) {
      const s = this.env.sizes;
      files =
        kind === 'backfill'
          ? writeBenchFiles(
              this.env.workDir,
              kind,
              backfillDates(s.backfillDates),
              s.backfillPerDate,
            )
          : writeBenchFiles(this.env.workDir, kind, [BENCH_DATE], s[`${kind}Date`]);
      this.files.set(kind, files);
    }
    return files;
  }

  /** A store holding a dataset, ingested through the CLI (`variant` makes a separate copy). */
  store(backend: Backend, kind: DatasetKind, variant = ''): Promise<BenchStore> {
    const label = `${kind}${variant}_${backend === 'sqlite' ? 'lite' : 'pg'}`;
    let store = this.stores.get(label);
    if (!store) {
      store = this.prepare(backend, kind, label);
      this.stores.set(label, store);
    }
    return store;
  }

  private async prepare(backend: Backend, kind: DatasetKind, label: string): Promise<BenchStore> {
    const files = this.filesOf(kind);
    this.env.log(`preparing ${label}: ${files.predictions} predictions through the CLI`);
    return this.prepareStep(
      `init and ingest ${label} (${files.predictions} predictions)`,
      async () => {
        const store = await createStore(this.env, backend, label);
        await ingestFiles(this.env, store, files);
        return store;
      },
    );
  }
}

/** `count` consecutive dates from 2025-12-01. */
export function backfillDates(count: number): string[] {
  const start = Date.UTC(2025, 11, 1);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}
