/**
 * What every scenario shares: the arguments and sizes, a private work folder, the PostgreSQL and
 * Redis URLs, fresh `bench_<random>_<label>` schemas (all dropped at the end), a unique Redis
 * lock namespace, and a progress log on stderr.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type BenchArgs, type BenchSizes, FULL_SIZES, QUICK_SIZES } from './args.js';

/** The shared state of one bench run. */
export interface BenchEnv {
  args: BenchArgs;
  sizes: BenchSizes;
  workDir: string;
  /** PostgreSQL URL without a schema. */
  pgUrl: string;
  redisUrl: string;
  /** Random tag of this run: schema names and the lock namespace carry it. */
  tag: string;
  /** Lock namespace for every CLI child and in-process lock of this run. */
  namespace: string;
  /** Create a fresh schema; returns the database URL with `?schema=`. */
  newSchema(label: string): Promise<string>;
  /** Progress line on stderr. */
  log(message: string): void;
  /** Drop the schemas and remove the work folder. */
  cleanup(): Promise<void>;
}

/** PostgreSQL URL of the bench (env PROPGRADE_BENCH_PG_URL, else the test URL). */
export function benchPgUrl(): string {
  return (
    process.env.PROPGRADE_BENCH_PG_URL ??
    process.env.PROPGRADE_TEST_PG_URL ??
    'postgres://postgres@127.0.0.1:5432/test'
  );
}

/** Redis URL of the bench (env PROPGRADE_BENCH_REDIS_URL, else the test URL). */
export function benchRedisUrl(): string {
  return (
    process.env.PROPGRADE_BENCH_REDIS_URL ??
    process.env.PROPGRADE_TEST_REDIS_URL ??
    'redis://127.0.0.1:6379'
  );
}

/** `base` with `?schema=name` (replacing any schema it had). */
export function withSchema(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** Run one statement on a short-lived connection. */
export async function pgExec(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Set up the shared state of a bench run. */
export function createBenchEnv(args: BenchArgs): BenchEnv {
  const tag = randomBytes(4).toString('hex');
  const workDir = mkdtempSync(join(tmpdir(), `propgrade-bench-${tag}-`));
  const pgUrl = benchPgUrl();
  const schemas: string[] = [];
  const started = performance.now();
  return {
    args,
    sizes: args.quick ? QUICK_SIZES : FULL_SIZES,
    workDir,
    pgUrl,
    redisUrl: benchRedisUrl(),
    tag,
    namespace: `propgrade-bench:${tag}`,
    async newSchema(label) {
      const schema = `bench_${tag}_${label}`;
      await pgExec(pgUrl, `CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      return withSchema(pgUrl, schema);
    },
    log(message) {
      const at = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
      process.stderr.write(`[bench ${at}s] ${message}\n`);
    },
    async cleanup() {
      for (const schema of schemas.splice(0)) {
        await pgExec(pgUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
