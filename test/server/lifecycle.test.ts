/**
 * The service's life: `serve` refuses unsafe or broken starts (exit 2), a scheduled cycle grades
 * yesterday then the stale dates of the week, the cron actually fires, and SIGTERM drains the
 * built CLI's server: the grade holding the lease finishes, the one waiting is aborted at the
 * grace deadline, leases are released and nothing is left running.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistributedLock } from '../../src/lock/distributed-lock.js';
import { defaultNamespace, openLockBackend } from '../../src/lock/open.js';
import { runScheduledCycle } from '../../src/server/schedule.js';
import type { RunningServer } from '../../src/server/server.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runCli, startCli, tempDir } from '../helpers/cli.js';
import { withStore } from '../helpers/sqlite-db.js';
import {
  AUTH,
  EXAMPLE_DATE,
  eventually,
  seedExample,
  settledRuns,
  startTestServer,
  TOKEN,
} from './helpers.js';

describe('serve refuses to start', () => {
  const tmp = tempDir('propgrade-refuse-');
  const db = join(tmp.dir, 'r.db');
  afterAll(() => tmp.cleanup());

  it.each([
    ['without PROPGRADE_API_TOKEN', [], {}, /PROPGRADE_API_TOKEN/],
    [
      'with --insecure-no-auth off loopback',
      ['--insecure-no-auth', '--host', '0.0.0.0'],
      {},
      /loopback/,
    ],
    [
      'with a bad cron expression',
      ['--schedule', 'every tuesday'],
      { PROPGRADE_API_TOKEN: TOKEN },
      /cron/,
    ],
  ])('%s (exit 2)', async (_name, args, env, message) => {
    const result = await runCli(['serve', '--db', db, '--port', '0', ...args], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('the scheduled cycle', () => {
  const tmp = tempDir('propgrade-schedule-');
  const db = join(tmp.dir, 's.db');
  let server: RunningServer;
  beforeAll(async () => {
    await seedExample(db);
    server = await startTestServer(db, { timeZone: 'America/New_York' });
  });
  afterAll(async () => {
    await server?.shutdown();
    tmp.cleanup();
  });

  it('grades yesterday in the time zone, then re-grades stale dates of the last 7 days', async () => {
    const cycle = await runScheduledCycle(
      server.deps.jobs,
      'America/New_York',
      'schedule:test',
      new Date('2026-03-07T03:00:00Z'),
    );
    expect(cycle.gameDate).toBe('2026-03-05');
    expect(cycle.grade.report).toMatchObject({ trigger: 'scheduled', status: 'succeeded' });
    expect(cycle.staleSweep.report?.summary).toMatchObject({ succeeded: 0, skipped: 7 });
    const later = await runScheduledCycle(
      server.deps.jobs,
      'America/New_York',
      'schedule:test',
      new Date('2026-03-08T03:00:00Z'),
    );
    expect(later.grade.report.status).toBe('refused_coverage');
    expect(later.staleSweep.report?.dates).toEqual([]);
    expect(await server.deps.ctx.store.getRun(cycle.grade.report.runId)).toMatchObject({
      triggerSource: 'schedule:test',
    });
  });

  it('re-grades a date whose inputs changed after its last grading', async () => {
    const ungraded = tempDir('propgrade-schedule-stale-');
    const staleDb = join(ungraded.dir, 'stale.db');
    await seedExample(staleDb);
    const other = await startTestServer(staleDb);
    try {
      const cycle = await runScheduledCycle(
        other.deps.jobs,
        'UTC',
        'schedule:test',
        new Date('2026-03-07T12:00:00Z'),
      );
      expect(cycle.grade.report).toMatchObject({
        gameDate: '2026-03-06',
        status: 'refused_coverage',
      });
      expect(cycle.staleSweep.report?.dates.map((d) => [d.gameDate, d.trigger, d.status])).toEqual([
        [EXAMPLE_DATE, 'backfill', 'succeeded'],
      ]);
    } finally {
      await other.shutdown();
      ungraded.cleanup();
    }
  });
});

describe('serve --schedule fires', () => {
  const tmp = tempDir('propgrade-cron-');
  const db = join(tmp.dir, 'c.db');
  afterAll(() => tmp.cleanup());

  it('runs a scheduled cycle on its cron and stops with the server', async () => {
    await seedExample(db);
    const server = await startTestServer(db, {}, { schedule: '* * * * * *' });
    const store = server.deps.ctx.store;
    const run = await eventually(
      async () => (await store.listRuns({})).find((r) => r.trigger === 'scheduled'),
      10_000,
    );
    expect(run.triggerSource).toBe('schedule:* * * * * *');
    expect(server.schedule?.nextRun()).toBeInstanceOf(Date);
    await server.shutdown();
    expect(server.schedule?.nextRun()).toBeNull();
    await withStore(db, async (s) => {
      expect((await s.listRuns({ status: 'running' })).length).toBe(0);
    });
  });
});

describe('SIGTERM drains the built CLI server', () => {
  const tmp = tempDir('propgrade-sigterm-');
  const db = join(tmp.dir, 't.db');
  afterAll(() => tmp.cleanup());

  it('lets the holder finish, aborts the waiter at the deadline, releases the lease, exits 0', async () => {
    await seedExample(db);
    const cli = startCli(
      ['serve', '--db', db, '--port', '0', '--shutdown-grace', '1000', '--json'],
      {
        env: { PROPGRADE_API_TOKEN: TOKEN, PROPGRADE_FAILPOINTS: 'after-lease=sleep:2500' },
      },
    );
    let stdout = '';
    cli.child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    const url = await eventually(async () => /"url": "([^"]+)"/.exec(stdout)?.[1], 20_000);
    const post = () =>
      fetch(`${url}/grade`, {
        method: 'POST',
        headers: AUTH,
        body: JSON.stringify({ target_date: EXAMPLE_DATE, trigger_source: 'sigterm' }),
      });
    for (const path of [
      '/',
      '/static/chart.umd.js',
      '/static/dashboard.js',
      '/static/dashboard.css',
    ])
      expect((await fetch(`${url}${path}`)).status, `built server serves ${path}`).toBe(200);
    const holder = ((await (await post()).json()) as { runId: string }).runId;
    await eventually(async () => {
      const run = (await (await fetch(`${url}/runs/${holder}`, { headers: AUTH })).json()) as {
        lockAcquiredAt?: string;
      };
      return run.lockAcquiredAt ?? undefined;
    });
    const waiter = ((await (await post()).json()) as { runId: string }).runId;
    await eventually(async () =>
      (await fetch(`${url}/runs/${waiter}`, { headers: AUTH })).status === 200 ? true : undefined,
    );
    cli.child.kill('SIGTERM');
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(0);
    const store = createSqliteStore(db);
    try {
      const runs = await settledRuns(store, EXAMPLE_DATE, 2);
      const byId = Object.fromEntries(runs.map((r) => [r.runId, r]));
      expect(byId[holder]).toMatchObject({ status: 'succeeded' });
      expect(byId[waiter]).toMatchObject({ status: 'lock_timeout' });
      expect(byId[waiter]?.error).toMatch(/shutting down/);
      const lock = new DistributedLock(await openLockBackend(`sqlite:${db}.locks`), {
        namespace: defaultNamespace(store.identity),
      });
      expect(await lock.list()).toEqual([]);
      await lock.close();
    } finally {
      await store.close();
    }
  });
});
