import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';

describe('propgrade demo', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let firstAccuracy: unknown;

  it('grades the slate with a racing scheduled run and prints what accuracy --json gives', async () => {
    const demo = await runCli(['demo', '--json'], { cwd: tmp.dir });
    expect(demo.code, demo.stderr).toBe(0);
    const report = jsonOf<{
      database: string;
      accuracy: unknown;
      runs: { trigger: string; status: string; lockWaitMs: number; gameDate: string }[];
      dates: string[];
    }>(demo);
    expect(report.database).toBe(join(tmp.dir, 'propgrade-demo.db'));
    expect(existsSync(report.database)).toBe(true);
    const acc = await runCli(['accuracy', '--json', '--db', 'propgrade-demo.db'], { cwd: tmp.dir });
    expect(acc.code, acc.stderr).toBe(0);
    expect(jsonOf(acc)).toEqual(report.accuracy);
    firstAccuracy = report.accuracy;
    const latest = report.dates.at(-1);
    const latestRuns = report.runs.filter((r) => r.gameDate === latest);
    expect(latestRuns.map((r) => r.trigger).sort()).toEqual(['backfill', 'scheduled']);
    expect(latestRuns.every((r) => r.status === 'succeeded')).toBe(true);
    expect(Math.max(...latestRuns.map((r) => r.lockWaitMs))).toBeGreaterThan(0);
  });

  it('prints the accuracy table for people, with the same hit rates, and is deterministic', async () => {
    const human = await runCli(['demo'], { cwd: tmp.dir });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Demo database:');
    const acc = jsonOf<{ systems: { systemId: string; hitRate: number }[] }>(
      await runCli(['accuracy', '--json', '--db', 'propgrade-demo.db'], { cwd: tmp.dir }),
    );
    expect(acc).toEqual(firstAccuracy);
    expect(acc.systems).toHaveLength(6);
    for (const s of acc.systems) {
      const line = human.stdout.split('\n').find((l) => l.includes(` ${s.systemId} `));
      expect(line, s.systemId).toContain(`${(s.hitRate * 100).toFixed(1)}%`);
    }
  });

  it('refuses to overwrite a database that is not a demo database', async () => {
    await runCli(['init', '--db', 'real.db'], { cwd: tmp.dir });
    const result = await runCli(['demo', '--db', 'real.db'], { cwd: tmp.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a propgrade demo database');
  });
});
