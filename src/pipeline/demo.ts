/**
 * `propgrade demo`: a deterministic synthetic slate, ingested through the ingest path, graded by
 * a backfill in this process while a scheduled run of the latest date races it in a second
 * process. The backfill grades the earlier dates first; then the scheduled run starts and is held
 * for a moment inside its lease (failpoint `after-lease=sleep`) while the backfill reaches the
 * latest date, so that the race, and the backfill's wait for the lease, are visible.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { writeSlate } from '../demo/generate.js';
import type { IsoDate } from '../domain/types.js';
import { InputError } from '../errors.js';
import { lockKey } from '../lock/keys.js';
import type { RunRecord } from '../store/store.js';
import { type AccuracyReport, accuracy } from './accuracy.js';
import { backfill } from './backfill.js';
import type { PipelineContext } from './context.js';
import { ingestActuals, ingestPredictions } from './ingest.js';

export const DEMO_HOLD_MS = 1500;
const BIN = fileURLToPath(new URL('../../bin/propgrade.js', import.meta.url));

export interface DemoReport {
  database: string;
  dates: IsoDate[];
  accuracy: AccuracyReport;
  runs: RunRecord[];
  scheduledRun: { exitCode: number | null; output: unknown };
}

/** Remove an earlier demo database (and its lock file); refuse to touch anything else. */
export function resetDemoDatabase(file: string): void {
  if (!existsSync(file)) return;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let isDemo = false;
  try {
    isDemo = db.prepare(`SELECT 1 FROM maintenance_log WHERE action = 'demo'`).get() !== undefined;
  } catch {
    isDemo = false;
  } finally {
    db.close();
  }
  if (!isDemo)
    throw new InputError(
      `${file} exists and is not a propgrade demo database; choose another --db`,
      { file, field: '--db' },
    );
  for (const suffix of ['', '-wal', '-shm', '.locks', '.locks-wal', '.locks-shm'])
    rmSync(`${file}${suffix}`, { force: true });
}

/** Start `propgrade grade` for the latest date in a second process (the scheduled run). */
function startScheduledRun(dbFile: string, date: IsoDate) {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'grade',
      '--date',
      date,
      '--trigger',
      'scheduled',
      '--db',
      `sqlite:${dbFile}`,
      '--json',
      '--log-level',
      'warn',
    ],
    {
      env: { ...process.env, PROPGRADE_FAILPOINTS: `after-lease=sleep:${DEMO_HOLD_MS}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const done = new Promise<{ exitCode: number | null; output: unknown }>((done) =>
    child.on('close', (code) => done({ exitCode: code, output: safeJson(stdout) })),
  );
  return done;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function waitForLease(ctx: PipelineContext, key: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const lease = await ctx.lock?.show(key);
    if (lease && !lease.expired) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Run the demo against `ctx` (whose store is the demo SQLite file). */
export async function runDemo(
  ctx: PipelineContext,
  opts: { days: number; seed: number; endDate: IsoDate; dbFile: string },
): Promise<DemoReport> {
  await ctx.store.logMaintenance('demo', {
    days: opts.days,
    seed: opts.seed,
    endDate: opts.endDate,
  });
  const dir = mkdtempSync(join(tmpdir(), 'propgrade-demo-'));
  try {
    const slate = await writeSlate(dir, opts);
    await ingestActuals(ctx, slate.actualsCsv);
    await ingestPredictions(ctx, slate.predictionsCsv, { batchId: `demo-seed-${opts.seed}` });
    const latest = slate.dates[slate.dates.length - 1]!;
    const backfillDates = (from: IsoDate, to: IsoDate) =>
      backfill(ctx, { from, to, trigger: 'backfill', triggerSource: 'demo' });
    if (slate.dates.length > 1) await backfillDates(slate.dates[0]!, slate.dates.at(-2)!);
    const scheduled = startScheduledRun(resolve(opts.dbFile), latest);
    await waitForLease(ctx, lockKey('grading', latest), 10_000);
    await backfillDates(latest, latest);
    const scheduledRun = await scheduled;
    const runs = (await ctx.store.listRuns({ from: slate.dates[0], to: latest })).reverse();
    return {
      database: resolve(opts.dbFile),
      dates: slate.dates,
      accuracy: await accuracy(ctx.store, {}),
      runs,
      scheduledRun,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
