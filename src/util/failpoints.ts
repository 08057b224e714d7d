/**
 * Failpoints (SPEC section 8): a testing aid that makes concurrency and crash tests
 * deterministic. `PROPGRADE_FAILPOINTS="after-lease=pause,mid-insert=crash"` names points in the
 * write paths and an action: `pause` (SIGSTOP), `crash` (SIGKILL, no cleanup), `sleep:<ms>`, or
 * `barrier:<file>` (writes `<file>.arrived.<pid>`, then waits until `<file>` exists).
 * Inert unless the variable is set. See docs/failpoints.md.
 */
import { existsSync, writeFileSync } from 'node:fs';

export const FAILPOINTS = [
  'after-lease',
  'after-delete',
  'mid-insert',
  'before-commit',
  'after-commit',
  'consolidate-after-lease',
  'consolidate-mid-insert',
  'consolidate-before-commit',
  'consolidate-after-commit',
  'dedupe-after-lease',
  'dedupe-after-backup',
  'dedupe-mid-delete',
  'dedupe-before-commit',
  'dedupe-after-commit',
  'restore-mid-insert',
  'restore-before-commit',
] as const;
export type Failpoint = (typeof FAILPOINTS)[number];

type Action =
  | { kind: 'pause' }
  | { kind: 'crash' }
  | { kind: 'sleep'; ms: number }
  | { kind: 'barrier'; file: string };

function parseAction(spec: string): Action {
  if (spec === 'pause') return { kind: 'pause' };
  if (spec === 'crash') return { kind: 'crash' };
  if (spec.startsWith('sleep:')) return { kind: 'sleep', ms: Number.parseInt(spec.slice(6), 10) };
  if (spec.startsWith('barrier:')) return { kind: 'barrier', file: spec.slice(8) };
  throw new Error(`PROPGRADE_FAILPOINTS: unknown action "${spec}"`);
}

let parsed: Map<string, Action> | undefined;
let parsedFrom: string | undefined;

function table(): Map<string, Action> {
  const raw = process.env.PROPGRADE_FAILPOINTS ?? '';
  if (parsed && parsedFrom === raw) return parsed;
  parsed = new Map();
  parsedFrom = raw;
  for (const entry of raw.split(',').filter((s) => s.trim() !== '')) {
    const eq = entry.indexOf('=');
    if (eq < 0) throw new Error(`PROPGRADE_FAILPOINTS: "${entry}" lacks "=action"`);
    parsed.set(entry.slice(0, eq).trim(), parseAction(entry.slice(eq + 1).trim()));
  }
  return parsed;
}

/** True when a failpoint is configured for this name (used to avoid needless awaits). */
export function failpointArmed(name: Failpoint): boolean {
  return table().has(name);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Synchronous failpoint, for use inside synchronous SQLite transactions. `sleep` and `barrier`
 * block the thread, which is what a stuck writer looks like.
 */
export function failpointSync(name: Failpoint): void {
  const action = table().get(name);
  if (!action) return;
  if (action.kind === 'crash') process.kill(process.pid, 'SIGKILL');
  if (action.kind === 'pause') process.kill(process.pid, 'SIGSTOP');
  if (action.kind === 'sleep') sleepSync(action.ms);
  if (action.kind === 'barrier') {
    markArrival(action.file);
    while (!existsSync(action.file)) sleepSync(5);
  }
}

/** Leave `<barrier>.arrived.<pid>` so a test can see who is waiting at the barrier. */
function markArrival(file: string): void {
  writeFileSync(`${file}.arrived.${process.pid}`, new Date().toISOString());
}

/** Asynchronous failpoint: same actions, but sleep and barrier release the event loop. */
export async function failpoint(name: Failpoint): Promise<void> {
  const action = table().get(name);
  if (!action) return;
  if (action.kind === 'sleep') return new Promise((r) => setTimeout(r, action.ms));
  if (action.kind === 'barrier') {
    markArrival(action.file);
    while (!existsSync(action.file)) await new Promise((r) => setTimeout(r, 5));
    return;
  }
  failpointSync(name);
}
