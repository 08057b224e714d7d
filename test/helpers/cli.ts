/** Run the built `propgrade` binary as a separate OS process (tests run after `npm run build`). */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/propgrade.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const EXAMPLE_DIR = join(
  process.env.PROPGRADE_EXAMPLES_DIR ??
    fileURLToPath(new URL('../../../shared/examples', import.meta.url)),
  'grading',
);

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child: quiet logs, no inherited propgrade settings unless given. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PROPGRADE_LOG_LEVEL: 'warn' };
  for (const key of Object.keys(env))
    if (
      key.startsWith('PROPGRADE_') &&
      key !== 'PROPGRADE_LOG_LEVEL' &&
      !key.startsWith('PROPGRADE_TEST_')
    )
      delete env[key];
  return { ...env, ...extra };
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Start the CLI; the caller awaits `done`. Children still alive when the test process exits are killed. */
export function startCli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string } = {},
) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
    env: childEnv(opts.env),
    cwd: opts.cwd ?? REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.on('close', () => live.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Run the CLI to completion. */
export function runCli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<CliResult> {
  return startCli(args, opts).done;
}

/** Parse the one JSON document a `--json` command prints. */
export function jsonOf<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}

/** A temporary folder removed by the returned cleanup. */
export function tempDir(prefix = 'propgrade-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
