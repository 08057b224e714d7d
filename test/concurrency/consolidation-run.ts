/**
 * Running producers for the consolidation tests: the built CLI sequentially (the reference) or
 * concurrently, and the naive control script concurrently behind a barrier.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type CliResult, jsonOf, runCli, startCli } from '../helpers/cli.js';
import { SCENARIO_DATES } from './consolidation-data.js';
import { predictionsContent, type Target } from './consolidation-targets.js';

/** The naive control producer (test-only). */
export const NAIVE_SCRIPT = fileURLToPath(new URL('./consolidation-naive.mjs', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Run the CLI against the target and expect exit 0. */
export async function cliOk(target: Target, args: string[], env: Record<string, string> = {}) {
  const result = await runCli([...args, '--db', target.db, '--json'], { env });
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return jsonOf(result);
}

/** The predictions content of the scenario's dates on the target. */
export function contentOf(target: Target): Promise<string[]> {
  return target.withStore((store) => predictionsContent(store, SCENARIO_DATES));
}

/** Ingest the actuals, then each batch one after the other, in the given order. */
export async function ingestSequentially(
  target: Target,
  files: { actuals: string; batches: string[] },
  order: readonly number[],
): Promise<void> {
  await cliOk(target, ['ingest', 'actuals', files.actuals]);
  for (const k of order) await cliOk(target, ['ingest', 'predictions', files.batches[k]!]);
}

/** One producer process of a concurrent round. */
export interface ProducerSpec {
  file: string;
  failpoints: string;
  /** Pause before starting this producer (the previous one is already starting). */
  delayMs: number;
}

/** Start every producer (the built CLI) in order, each after its delay; wait for all. */
export async function runConcurrentProducers(
  target: Target,
  producers: readonly ProducerSpec[],
): Promise<CliResult[]> {
  const running: Promise<CliResult>[] = [];
  for (const p of producers) {
    await sleep(p.delayMs);
    const args = ['ingest', 'predictions', p.file, '--db', target.db, '--json'];
    running.push(startCli(args, { env: { PROPGRADE_FAILPOINTS: p.failpoints } }).done);
  }
  return Promise.all(running);
}

function marked(file: string, marker: string): number {
  const prefix = `${basename(file)}.${marker}.`;
  return readdirSync(dirname(file)).filter((f) => f.startsWith(prefix)).length;
}

/** Wait until `count` processes left `<file>.<marker>.<pid>`, then create `file` (release them). */
async function release(file: string, marker: string, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (marked(file, marker) < count && Date.now() < deadline) await sleep(2);
  if (!existsSync(file)) writeFileSync(file, 'go');
}

/**
 * Start the naive control producers; open the gate once all have read (so every read precedes
 * every insert), release the barrier once all have inserted, wait for them to finish.
 */
export async function runNaiveProducers(
  target: Target,
  files: readonly string[],
  sync: { gate: string; barrier: string },
): Promise<CliResult[]> {
  const running = files.map((file) =>
    startNode(NAIVE_SCRIPT, [
      ...['--kind', target.kind, '--db', target.db, '--file', file],
      ...['--gate', sync.gate, '--barrier', sync.barrier],
    ]),
  );
  await release(sync.gate, 'ready', files.length);
  await release(sync.barrier, 'arrived', files.length);
  return Promise.all(running);
}

async function startNode(script: string, args: string[]): Promise<CliResult> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}
