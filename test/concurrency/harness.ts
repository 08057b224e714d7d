/**
 * Race harness for the grading write path: N separate OS processes grade one date at once, lined
 * up by the `after-delete=barrier:<file>` failpoint, and the control does the same with the
 * incident's unprotected two-statement write. Deterministic: the barrier, not luck, makes the
 * writers meet.
 */

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSlate } from '../../src/demo/generate.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { childEnv, runCli, startCli } from '../helpers/cli.js';

export const RACE_DATE = '2026-03-07';
const NAIVE = fileURLToPath(new URL('./naive-grade.mjs', import.meta.url));

export interface RaceTarget {
  dbUrl: string;
  lockUrl: string;
  env: Record<string, string>;
  dir: string;
}

/** Write a one-date slate and ingest it through the CLI. */
export async function seedTarget(t: RaceTarget): Promise<void> {
  const slate = await writeSlate(join(t.dir, 'slate'), { days: 1, seed: 7, endDate: RACE_DATE });
  for (const [kind, file] of [
    ['actuals', slate.actualsCsv],
    ['predictions', slate.predictionsCsv],
  ] as const) {
    const r = await runCli(['ingest', kind, file, '--db', t.dbUrl, '--lock', t.lockUrl], {
      env: t.env,
    });
    if (r.code !== 0) throw new Error(`seeding failed: ${r.stderr}`);
  }
}

/** How many processes have arrived at a barrier. */
export function arrivals(barrier: string): number {
  const prefix = `${basename(barrier)}.arrived.`;
  return readdirSync(dirname(barrier)).filter((f) => f.startsWith(prefix)).length;
}

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

export interface RoundResult {
  codes: (number | null)[];
  /** How many writers were inside the delete–insert window at the same time. */
  together: number;
  stderr: string[];
}

/** One protected round: `triggers.length` graders at once through the real CLI. */
export async function protectedRound(
  t: RaceTarget,
  round: number,
  triggers: readonly string[],
  extraArgs: string[] = [],
): Promise<RoundResult> {
  const barrier = join(t.dir, `barrier-p${round}`);
  const procs = triggers.map((trigger) =>
    startCli(
      [
        'grade',
        '--date',
        RACE_DATE,
        '--db',
        t.dbUrl,
        '--lock',
        t.lockUrl,
        '--trigger',
        trigger,
        '--json',
        ...extraArgs,
      ],
      {
        env: { ...t.env, PROPGRADE_FAILPOINTS: `after-delete=barrier:${barrier}` },
      },
    ),
  );
  await waitUntil(() => arrivals(barrier) >= 1, 30_000);
  await waitUntil(() => arrivals(barrier) >= 2, 200);
  const together = arrivals(barrier);
  writeFileSync(barrier, '');
  const results = await Promise.all(procs.map((p) => p.done));
  return { codes: results.map((r) => r.code), together, stderr: results.map((r) => r.stderr) };
}

/** One control round: the same number of unprotected two-statement writers. */
export async function controlRound(
  t: RaceTarget,
  round: number,
  writers: number,
): Promise<RoundResult> {
  const barrier = join(t.dir, `barrier-c${round}`);
  const procs = Array.from({ length: writers }, () => {
    const child = spawn(process.execPath, [NAIVE, t.dbUrl, RACE_DATE, barrier], {
      env: childEnv(t.env),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stderr })),
    );
  });
  await waitUntil(() => arrivals(barrier) >= writers, 15_000);
  const together = arrivals(barrier);
  writeFileSync(barrier, '');
  const results = await Promise.all(procs);
  return { codes: results.map((r) => r.code), together, stderr: results.map((r) => r.stderr) };
}

/** Open the target's store for assertions. */
export function openTargetStore(t: RaceTarget): Promise<Store> {
  return openStore(t.dbUrl);
}

export { existsSync };
