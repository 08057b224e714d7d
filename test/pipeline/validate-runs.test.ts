/**
 * validate's ledger checks fire through real commands and clear after a regrade:
 * overlapping_runs (two `grade --lock none` held at the after-lease barrier, so both hold the
 * date before either writes; a run that waited for a real lease is no overlap), and lock_health
 * (a crash mid-insert leaves an expired lease and an abandoned run; a force release makes the
 * holder's write fail as lock_lost/stale_fence; a --no-wait grade times out).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli, tempDir } from '../helpers/cli.js';
import { withStore } from '../helpers/sqlite-db.js';
import { check, ingestSlate, ok, validateJson } from './validate-fixtures.js';

const DATE = '2026-02-10';
const tmp = tempDir('propgrade-validate-runs-');
afterAll(() => tmp.cleanup());

async function gradedDb(name: string): Promise<string> {
  const db = join(tmp.dir, `${name}.db`);
  await ingestSlate(db, tmp.dir, DATE, 5);
  await ok(['grade', '--date', DATE, '--db', db]);
  return db;
}

async function arrivals(barrier: string, count: number): Promise<void> {
  const prefix = `${basename(barrier)}.arrived.`;
  for (let i = 0; i < 2000; i++) {
    if (readdirSync(dirname(barrier)).filter((f) => f.startsWith(prefix)).length >= count) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`fewer than ${count} processes reached ${barrier}`);
}

/** Wait until `count` runs of DATE are `running` in the ledger (one holding, one waiting). */
async function runningRuns(db: string, count: number): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const running = await withStore(db, (s) => s.listRuns({ gameDate: DATE, status: 'running' }));
    if (running.length >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${count} running runs of ${DATE}`);
}

const heldAt = (barrier: string) => ({ PROPGRADE_FAILPOINTS: `after-lease=barrier:${barrier}` });

describe('validate: overlapping_runs on SQLite', () => {
  it('two --lock none runs holding the date at once are critical; a regrade clears it', async () => {
    const db = await gradedDb('overlap');
    const barrier = join(tmp.dir, 'overlap.go');
    const args = ['grade', '--date', DATE, '--db', db, '--lock', 'none'];
    const runs = [
      startCli(args, { env: heldAt(barrier) }),
      startCli(args, { env: heldAt(barrier) }),
    ];
    await arrivals(barrier, 2);
    writeFileSync(barrier, '');
    expect((await Promise.all(runs.map((r) => r.done))).map((r) => r.code)).toEqual([0, 0]);
    const found = await validateJson(db, ['--date', DATE]);
    const overlap = check(found.report, 'overlapping_runs');
    expect([found.code, overlap.status, overlap.count]).toEqual([1, 'critical', 2]);
    expect(overlap.nextCommand).toBe(`propgrade grade --date ${DATE}`);
    expect(check(found.report, 'accuracy_duplicates').status).toBe('ok');
    await ok(['grade', '--date', DATE, '--db', db]);
    const cleared = await validateJson(db, ['--date', DATE]);
    expect(check(cleared.report, 'overlapping_runs')).toMatchObject({ status: 'ok', count: 0 });
    expect((check(cleared.report, 'overlapping_runs').details.recovered as unknown[]).length).toBe(
      1,
    );
    expect([cleared.code, cleared.report.status]).toEqual([0, 'ok']);
  });

  it('control: a run that waited for the lease while another held it is no overlap', async () => {
    const db = await gradedDb('waited');
    const barrier = join(tmp.dir, 'waited.go');
    const holder = startCli(['grade', '--date', DATE, '--db', db], { env: heldAt(barrier) });
    await arrivals(barrier, 1);
    const waiter = startCli(['grade', '--date', DATE, '--db', db]);
    await runningRuns(db, 2);
    writeFileSync(barrier, '');
    expect([(await holder.done).code, (await waiter.done).code]).toEqual([0, 0]);
    const found = await validateJson(db, ['--date', DATE]);
    expect(check(found.report, 'overlapping_runs')).toMatchObject({ status: 'ok', count: 0 });
  });
});

describe('validate: lock_health on SQLite', () => {
  it('a crash mid-insert: expired lease and abandoned run warn; the next grade clears them', async () => {
    const db = await gradedDb('crash');
    const crashed = await runCli(['grade', '--date', DATE, '--db', db, '--lock-ttl', '1500'], {
      env: { PROPGRADE_FAILPOINTS: 'mid-insert=crash' },
    });
    expect(crashed.signal).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 1700));
    const found = await validateJson(db, ['--date', DATE]);
    const health = check(found.report, 'lock_health');
    expect(found.report.abandonedRuns).toHaveLength(1);
    expect([health.status, health.count]).toEqual(['warning', 2]);
    expect(health.details).toMatchObject({
      expiredLeases: [{ key: `grading_${DATE}` }],
      abandonedRuns: [{ runId: found.report.abandonedRuns[0] }],
    });
    expect(found.code).toBe(0);
    await ok(['grade', '--date', DATE, '--db', db]);
    const cleared = await validateJson(db, ['--date', DATE, '--strict']);
    expect(check(cleared.report, 'lock_health')).toMatchObject({ status: 'ok', count: 0 });
    expect(cleared.code).toBe(0);
  });

  it('a force-released holder ends lock_lost or stale_fence: critical until the date is graded again', async () => {
    const db = await gradedDb('lost');
    const barrier = join(tmp.dir, 'lost.go');
    const holder = startCli(['grade', '--date', DATE, '--db', db], { env: heldAt(barrier) });
    await arrivals(barrier, 1);
    await ok([
      'locks',
      'release',
      `grading_${DATE}`,
      '--force',
      '--reason',
      'test: holder presumed dead',
      '--db',
      db,
    ]);
    writeFileSync(barrier, '');
    expect((await holder.done).code).toBe(5);
    const found = await validateJson(db, ['--date', DATE]);
    const health = check(found.report, 'lock_health');
    expect([found.code, health.status, health.count]).toEqual([1, 'critical', 1]);
    expect((health.details.lostRuns as { status: string }[])[0]!.status).toMatch(
      /^(lock_lost|stale_fence)$/,
    );
    expect(health.nextCommand).toBe(`propgrade grade --date ${DATE}`);
    await ok(['grade', '--date', DATE, '--db', db]);
    const cleared = await validateJson(db, ['--date', DATE]);
    expect([cleared.code, check(cleared.report, 'lock_health').status]).toEqual([0, 'ok']);
  });

  it('a --no-wait grade that found the date held is a lock timeout: warning until regraded', async () => {
    const db = await gradedDb('timeout');
    const barrier = join(tmp.dir, 'timeout.go');
    const holder = startCli(['grade', '--date', DATE, '--db', db], { env: heldAt(barrier) });
    await arrivals(barrier, 1);
    expect((await runCli(['grade', '--date', DATE, '--db', db, '--no-wait'])).code).toBe(3);
    writeFileSync(barrier, '');
    expect((await holder.done).code).toBe(0);
    expect(existsSync(barrier)).toBe(true);
    const found = await validateJson(db, ['--date', DATE]);
    expect(check(found.report, 'lock_health')).toMatchObject({ status: 'warning', count: 1 });
    await ok(['grade', '--date', DATE, '--db', db]);
    expect(check((await validateJson(db, ['--date', DATE])).report, 'lock_health').status).toBe(
      'ok',
    );
  });
});
