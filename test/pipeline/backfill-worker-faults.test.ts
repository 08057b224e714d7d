/**
 * Faults of backfill worker threads, through the library (TypeScript sources, worker from dist):
 * a thread that dies mid-backfill fails its date closed (exit 6) and the rest are still graded;
 * a thread that cannot start makes the backfill throw the same error class (same exit code);
 * errors keep their class across the thread boundary.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/cli/runtime.js';
import {
  CoverageRefusedError,
  exitCodeFor,
  InputError,
  InternalError,
  LockLostError,
  LockTimeoutError,
  UnavailableError,
} from '../../src/errors.js';
import { backfill } from '../../src/pipeline/backfill.js';
import { deserializeError, serializeError } from '../../src/pipeline/worker-errors.js';
import { tempDir } from '../helpers/cli.js';
import { DATES, gradedRows, ingestSlate } from './backfill-threads-fixture.js';

const FAULTY = new URL('./fixtures/faulty-backfill-worker.mjs', import.meta.url);
const range = { from: DATES[0]!, to: DATES.at(-1)!, concurrency: 2, workerEntry: FAULTY };

describe('backfill worker faults (SQLite)', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'faults.db');
  let rt: Runtime;
  beforeAll(async () => {
    await ingestSlate(db, tmp.dir);
    rt = await openRuntime({ db, logLevel: 'silent' });
  }, 300_000);
  afterAll(async () => {
    await rt[Symbol.asyncDispose]();
    tmp.cleanup();
  });
  afterEach(() => {
    delete process.env.PROPGRADE_TEST_WORKER;
  });

  it('reports a date whose thread died as failed (exit 6) and grades the others', async () => {
    process.env.PROPGRADE_TEST_WORKER = `die-on:${DATES[2]}`;
    const { report, exitCode } = await backfill(rt, range);
    expect(exitCode).toBe(6);
    expect(report.dates.map((d) => d.gameDate)).toEqual(DATES);
    expect(report.dates[2]).toMatchObject({ status: 'failed', error: { code: 6 } });
    expect(report.dates[2]!.error!.message).toMatch(/worker died while grading 2025-12-03/);
    // With fewer cores than lanes a thread grades two dates at once: both fail with it.
    const failed = report.dates.filter((d) => d.status !== 'succeeded');
    for (const d of failed) expect(d.error!.message).toMatch(/worker died while grading/);
    expect(report.summary.failed).toBe(failed.length);
    expect(report.summary.succeeded).toBe(DATES.length - failed.length);
    const graded = new Set((await gradedRows(`sqlite:${db}`)).map((r) => r.gameDate));
    expect([...graded].sort()).toEqual(
      report.dates.filter((d) => d.status === 'succeeded').map((d) => d.gameDate),
    );
    expect(graded.has(DATES[2]!)).toBe(false);
  });

  it('throws the start error of a thread with its own class (exit 4)', async () => {
    process.env.PROPGRADE_TEST_WORKER = 'fatal';
    const err = await backfill(rt, range).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect(exitCodeFor(err)).toBe(4);
  });

  it('fails closed when a thread throws while starting (exit 6)', async () => {
    process.env.PROPGRADE_TEST_WORKER = 'throw';
    const err = await backfill(rt, range).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalError);
    expect(String(err)).toMatch(/failed to start.*test worker throws/s);
  });
});

describe('errors across the thread boundary', () => {
  it.each([
    new InputError('bad', { file: 'x.csv', line: 3, field: 'points' }),
    new CoverageRefusedError('refused', '2025-12-01'),
    new UnavailableError('down', 'postgres://h/db'),
    new LockTimeoutError('held', 'grading_2025-12-01', 'h:1/r', '2025-12-01T00:00:00Z'),
    new LockLostError('lost', 'grading_2025-12-01', 'stale_fence'),
    new InternalError('broken'),
  ])('$name keeps its class, fields and exit code', (err) => {
    const back = deserializeError(structuredClone(serializeError(err)));
    expect(back).toBeInstanceOf(err.constructor);
    expect({ ...back }).toEqual({ ...err });
    expect(exitCodeFor(back)).toBe(exitCodeFor(err));
  });

  it('maps an unknown class to exit 6, as in-process', () => {
    const back = deserializeError(serializeError(new TypeError('x')));
    expect(back.name).toBe('TypeError');
    expect(exitCodeFor(back)).toBe(6);
  });
});
