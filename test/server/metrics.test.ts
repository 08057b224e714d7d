/**
 * `/metrics`: the exposition passes `promtool check metrics` after real work (grades, a refused
 * lease, stored alerts), and runs made outside the server — the built CLI against the same
 * database — show up in the ledger-derived series at the next scrape.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistributedLock } from '../../src/lock/distributed-lock.js';
import { defaultNamespace, openLockBackend } from '../../src/lock/open.js';
import type { RunningServer } from '../../src/server/server.js';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';
import {
  EXAMPLE_DATE,
  postJson,
  requireTool,
  seedExample,
  startTestServer,
  TOKEN,
} from './helpers.js';

const PROMTOOL = '/usr/bin/promtool';
const available = requireTool(
  PROMTOOL,
  'the promtool check of /metrics is',
  'apt-get install -y prometheus',
);

const tmp = tempDir('propgrade-metrics-');
const db = join(tmp.dir, 'metrics.db');
let server: RunningServer;

async function scrape(): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample line (`name{labels} value`), or 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

function insertAlerts(rows: [string, string][]): void {
  const raw = new Database(db);
  try {
    const insert = raw.prepare(
      `INSERT INTO alerts (alert_id, event, fingerprint, severity, outcome, attempts, message, error, created_at)
       VALUES (?, ?, ?, 1, ?, 1, 'test', NULL, ?)`,
    );
    for (const [i, [event, outcome]] of rows.entries())
      insert.run(`a-${i}`, event, `${event}|t`, outcome, new Date().toISOString());
  } finally {
    raw.close();
  }
}

async function refusedLease(): Promise<void> {
  const lock = new DistributedLock(await openLockBackend(`sqlite:${db}.locks`), {
    namespace: defaultNamespace(server.deps.ctx.store.identity),
  });
  const lease = await lock.acquire(`grading_${EXAMPLE_DATE}`, {
    runId: 'outside',
    holder: 'elsewhere:1/outside',
    fenceFloor: 0,
  });
  const response = await postJson(server, '/grade?no_wait=1', {
    target_date: EXAMPLE_DATE,
    trigger_source: 'metrics',
  });
  expect(response.status).toBe(409);
  await lease.release();
  await lock.close();
}

describe.skipIf(!available)('/metrics', () => {
  beforeAll(async () => {
    await seedExample(db);
    server = await startTestServer(db);
    expect(
      (
        await postJson(server, '/grade?wait=1', {
          target_date: EXAMPLE_DATE,
          trigger_source: 'metrics',
        })
      ).status,
    ).toBe(200);
    await refusedLease();
    insertAlerts([
      ['lock_timeout', 'sent'],
      ['lock_timeout', 'sent'],
      ['duplicates_after_write', 'suppressed'],
      ['lock_lost', 'sending'],
    ]);
  });
  afterAll(async () => {
    await server?.shutdown();
    tmp.cleanup();
  });

  it('passes promtool check metrics', async () => {
    const text = await scrape();
    const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.status).toBe(0);
  });

  it('has process, lock, run and alert series, labelled without dates', async () => {
    const text = await scrape();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(
      sample(text, 'propgrade_lock_acquisitions_total{lock_type="grading",outcome="acquired"}'),
    ).toBe(1);
    expect(
      sample(text, 'propgrade_lock_acquisitions_total{lock_type="grading",outcome="timeout"}'),
    ).toBe(1);
    expect(sample(text, 'propgrade_grading_runs_total{trigger="api",status="lock_timeout"}')).toBe(
      1,
    );
    expect(sample(text, 'propgrade_alerts_total{event="lock_timeout",outcome="sent"}')).toBe(2);
    expect(
      sample(text, 'propgrade_alerts_total{event="duplicates_after_write",outcome="suppressed"}'),
    ).toBe(1);
    expect(text).not.toContain('outcome="sending"');
    expect(sample(text, 'propgrade_ledger_up')).toBe(1);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('counts a grade made by the CLI against the same database at the next scrape', async () => {
    const before = await scrape();
    const manual = 'propgrade_grading_runs_total{trigger="manual",status="succeeded"}';
    expect(sample(before, manual)).toBe(0);
    const result = await runCli(['grade', '--date', EXAMPLE_DATE, '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = jsonOf<{ rowsWritten: number }>(result);
    const after = await scrape();
    expect(sample(after, manual)).toBe(1);
    expect(sample(after, 'propgrade_grading_rows_written_total{trigger="manual"}')).toBe(
      report.rowsWritten,
    );
    expect(sample(after, 'propgrade_grading_run_duration_seconds_count{trigger="manual"}')).toBe(1);
    expect(
      sample(after, 'propgrade_grading_run_duration_seconds_bucket{trigger="manual",le="+Inf"}'),
    ).toBe(1);
    expect(sample(after, 'propgrade_grading_lease_hold_seconds_count{trigger="manual"}')).toBe(1);
  });
});

describe('/metrics lock renewals of a long hold', () => {
  const renewTmp = tempDir('propgrade-renew-');
  const renewDb = join(renewTmp.dir, 'renew.db');
  let renewing: RunningServer;

  beforeAll(async () => {
    await seedExample(renewDb);
    process.env.PROPGRADE_FAILPOINTS = 'after-lease=sleep:1000';
    renewing = await startTestServer(renewDb, { lockTtlMs: 600 });
  });
  afterAll(async () => {
    delete process.env.PROPGRADE_FAILPOINTS;
    await renewing?.shutdown();
    renewTmp.cleanup();
  });

  it('counts the renewals that kept a lease alive past its TTL, and the hold', async () => {
    const graded = await postJson(renewing, '/grade?wait=1', {
      target_date: EXAMPLE_DATE,
      trigger_source: 'renew',
    });
    expect(graded.status).toBe(200);
    const response = await fetch(`${renewing.url}/metrics`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const text = await response.text();
    expect(
      sample(text, 'propgrade_lock_renewals_total{lock_type="grading",result="ok"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'propgrade_lock_hold_seconds_count{lock_type="grading"}')).toBe(1);
    expect(
      sample(text, 'propgrade_lock_hold_seconds_sum{lock_type="grading"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'propgrade_lock_losses_total{lock_type="grading"}')).toBe(0);
  });
});
