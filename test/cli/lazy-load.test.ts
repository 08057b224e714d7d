/**
 * What the built CLI loads: `--version` and `--help` load no driver, server or alert code, and a
 * SQLite `grade` never loads pg, ioredis, the HTTP server or the Slack client. A module loader
 * hook in the child records every module it imports (tests run after `npm run build`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { EXAMPLE_DIR, runCli, tempDir } from '../helpers/cli.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const HOOKS = `import { appendFileSync } from 'node:fs';
let logFile;
export function initialize(data) { logFile = data.logFile; }
export async function load(url, context, next) {
  appendFileSync(logFile, url + '\\n');
  return next(url, context);
}
`;
const REGISTER = `import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url), { data: { logFile: process.env.LOAD_LOG } });
`;
writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
writeFileSync(join(dir, 'register.mjs'), REGISTER);

/** Run `node --import register.mjs bin/propgrade.js ...args`; the packages it imported. */
async function packagesLoaded(name: string, args: string[]): Promise<Set<string>> {
  const log = join(dir, `${name}.log`);
  writeFileSync(log, '');
  const register = pathToFileURL(join(dir, 'register.mjs')).href;
  const result = await runCli(args, {
    env: { LOAD_LOG: log, NODE_OPTIONS: `--import=${register}` },
    cwd: dir,
  });
  expect(result.code, result.stderr).toBe(0);
  const urls = readFileSync(log, 'utf8').split('\n');
  expect(urls.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
  const names = urls.flatMap((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []);
  return new Set(names);
}

const DRIVERS = ['pg', 'pg-copy-streams', 'ioredis', 'better-sqlite3'];
const SERVER_AND_ALERTS = ['hono', '@hono/node-server', 'prom-client', 'croner', '@slack/webhook'];

describe('lazy loading in the built CLI', () => {
  test('--version and --help load commander only', async () => {
    expect([...(await packagesLoaded('version', ['--version']))]).toEqual(['commander']);
    expect([...(await packagesLoaded('help', ['--help']))]).toEqual(['commander']);
  });

  test('grade on SQLite loads better-sqlite3 but no other driver, server or Slack code', async () => {
    const db = join(dir, 'g.db');
    for (const kind of ['predictions', 'actuals']) {
      const file = join(EXAMPLE_DIR, `${kind}.csv`);
      expect((await runCli(['ingest', kind, file, '--db', db])).code).toBe(0);
    }
    const loaded = await packagesLoaded('grade', ['grade', '--date', '2026-03-05', '--db', db]);
    expect(loaded.has('better-sqlite3')).toBe(true);
    for (const name of [...DRIVERS.filter((d) => d !== 'better-sqlite3'), ...SERVER_AND_ALERTS]) {
      expect(loaded.has(name), name).toBe(false);
    }
  });
});
