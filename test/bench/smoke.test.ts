/**
 * Smoke run of `npm run bench` at --quick sizes so that the bench code cannot rot. It asserts the
 * shape of the report, never its speed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli.js';
import { pgReachable, redisReachable, serviceAvailable } from '../lock/services.js';

const MAIN = join(REPO, 'dist/bench/main.js');
const tmp = tempDir('propgrade-bench-smoke-');
let servicesUp = false;

beforeAll(async () => {
  servicesUp =
    serviceAvailable('PostgreSQL', await pgReachable()) &&
    serviceAvailable('Redis', await redisReachable());
});
afterAll(() => tmp.cleanup());

describe('bench smoke', () => {
  it('refuses bad arguments with exit 2 and the usage', () => {
    expect(existsSync(MAIN), 'run `npm run build` first').toBe(true);
    const run = spawnSync(process.execPath, [MAIN, '--only', 'nope'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown scenario "nope"/);
    expect(run.stderr).toMatch(/usage: npm run bench/);
  });

  it('runs grade-263k and lock at quick sizes and writes the JSON report', (ctx) => {
    if (!servicesUp) ctx.skip();
    const out = join(tmp.dir, 'results.json');
    const run = spawnSync(
      process.execPath,
      [MAIN, '--quick', '--runs', '1', '--only', 'lock,grade-263k', '--out', out],
      { encoding: 'utf8', timeout: 55_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/grade-263k +sqlite: grade into empty partition/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.scenarios.map((s: { name: string }) => s.name)).toEqual(['grade-263k', 'lock']);
    const grade = report.scenarios[0].measurements;
    expect(grade).toHaveLength(4);
    for (const m of grade) {
      expect(m.median).toBeGreaterThan(0);
      expect(m.reference.median).toBeGreaterThan(0);
    }
    const lock = report.scenarios[1].measurements;
    expect(lock.map((m: { name: string }) => m.name)).toContain('redis: acquire+release p50');
    expect(report.lockOverhead).toHaveLength(3);
  }, 60_000);
});
