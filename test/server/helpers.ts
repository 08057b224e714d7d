/**
 * Helpers for the service tests: seeded SQLite databases (through the built CLI), an in-process
 * server on a free loopback port, authenticated requests, waiting for background runs, and the
 * CI rule for outside tools (absent under CI=true fails, otherwise skips loudly).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Config } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import type { RunRecord, Store } from '../../src/store/store.js';
import { EXAMPLE_DIR, runCli } from '../helpers/cli.js';

/** The token every test server requires. */
export const TOKEN = 'test-token-5f2c9a';
/** The worked example's game date. */
export const EXAMPLE_DATE = '2026-03-05';

/** Headers with the right bearer token (and JSON). */
export const AUTH = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

/** The worked example's input files, in ingest order: [kind, path]. */
export const EXAMPLE_DIR_FILES = (['actuals', 'predictions'] as const).map(
  (kind) => [kind, join(EXAMPLE_DIR, `${kind}.csv`)] as const,
);

/** Ingest the worked example (actuals, then predictions) into `db` with the built CLI. */
export async function seedExample(db: string): Promise<void> {
  for (const [kind, file] of EXAMPLE_DIR_FILES) {
    const r = await runCli(['ingest', kind, file, '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
  }
}

/** A server in this process on a free loopback port, quiet, requiring TOKEN. */
export function startTestServer(
  db: string,
  overrides: Partial<Config> = {},
  extra: { schedule?: string; shutdownGraceMs?: number; lock?: string } = {},
): Promise<RunningServer> {
  return startServer({
    flags: { db, logLevel: 'silent', lock: extra.lock },
    overrides: { apiToken: TOKEN, ...overrides },
    port: 0,
    host: '127.0.0.1',
    schedule: extra.schedule ?? null,
    shutdownGraceMs: extra.shutdownGraceMs,
  });
}

/** POST JSON with the token. */
export function postJson(server: RunningServer, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: AUTH,
    body: JSON.stringify(body),
  });
}

/** GET JSON with the token (asserting 200). */
export async function getJson<T>(server: RunningServer, path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: AUTH });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

/** Poll until `check` returns a value (not undefined), up to `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The runs of a date once none of them is still running. */
export function settledRuns(store: Store, gameDate: string, count: number): Promise<RunRecord[]> {
  return eventually(async () => {
    const runs = await store.listRuns({ gameDate });
    return runs.length >= count && runs.every((r) => r.status !== 'running') ? runs : undefined;
  }, 240_000);
}

/**
 * True when the tool exists; when it does not, throws under CI=true (the run must fail) and
 * otherwise warns loudly so the caller can skip.
 */
export function requireTool(path: string, what: string, install: string): boolean {
  if (existsSync(path)) return true;
  const message = `${path} is not installed (${install}): ${what} SKIPPED`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI=true makes this a failure`);
  console.warn(`\n!!!!! ${message} !!!!!\n`);
  return false;
}
