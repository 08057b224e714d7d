/**
 * Running `bin/propgrade.js` as a child process, the way a user runs it: wall time from spawn to
 * exit, and the child's peak RSS. The peak comes from the kernel's own accounting of the child
 * (`getrusage` ru_maxrss, read by a tiny `--import` hook at exit and written to a file), so
 * nothing in propgrade is changed or instrumented.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI entry point (bin/propgrade.js of this checkout). */
export const PROPGRADE_BIN = fileURLToPath(new URL('../../bin/propgrade.js', import.meta.url));
const RSS_HOOK = new URL('./rss-hook.js', import.meta.url).href;

/** One finished CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set size of the child in MB (null if it died before reporting). */
  peakRssMb: number | null;
}

/** Options of a CLI run. */
export interface CliOptions {
  env?: Record<string, string>;
  /** Folder for the RSS report file. */
  workDir: string;
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PROPGRADE_')) env[key] = value;
  }
  return { ...env, PROPGRADE_LOG_LEVEL: 'warn', ...extra };
}

let runCounter = 0;

function readPeakRss(file: string): number | null {
  if (!existsSync(file)) return null;
  const kb = Number(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
}

/** Run `propgrade <args>` to completion. */
export function runPropgrade(args: readonly string[], opts: CliOptions): Promise<CliRun> {
  const rssFile = join(opts.workDir, `rss-${process.pid}-${++runCounter}.txt`);
  const env = childEnv({ ...opts.env, PROPGRADE_BENCH_RSS_FILE: rssFile });
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_HOOK, PROPGRADE_BIN, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        wallMs,
        peakRssMb: readPeakRss(rssFile),
      });
    });
  });
}

/** Run the CLI and require one of the accepted exit codes; returns the parsed `--json` output. */
export async function runPropgradeJson<T>(
  args: readonly string[],
  opts: CliOptions & { accept?: readonly number[] },
): Promise<{ run: CliRun; json: T }> {
  const run = await runPropgrade([...args, '--json'], opts);
  if (!(opts.accept ?? [0]).includes(run.code ?? -1)) {
    throw new Error(
      `propgrade ${args.join(' ')} exited ${run.code}\n${run.stderr.slice(-2000)}${run.stdout.slice(0, 2000)}`,
    );
  }
  try {
    return { run, json: JSON.parse(run.stdout) as T };
  } catch {
    throw new Error(`propgrade ${args.join(' ')} printed no JSON document: ${run.stdout}`);
  }
}
