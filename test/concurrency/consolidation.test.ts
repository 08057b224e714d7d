/**
 * Issue 5's concurrency proof, through the built CLI (`npm run build` first), on SQLite and
 * PostgreSQL: four producer processes ingesting overlapping batches of the same dates at once
 * (exact duplicates, stale versions, withdrawn versions, lines that move and move back) end with
 * exactly the predictions table that a sequential ingest of the same files gives — every version
 * and every is_active, ignoring batch_id and first_seen_at, which record which batch delivered a
 * version first and when — in every round, whatever the start order. The control (the naive
 * merge: no lease, split statements, a barrier; consolidation-naive.mjs) diverges in at least
 * 90% of rounds.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, tempDir } from '../helpers/cli.js';
import { seededRandom, shuffled, writeScenario } from './consolidation-data.js';
import {
  cliOk,
  contentOf,
  ingestSequentially,
  runConcurrentProducers,
  runNaiveProducers,
} from './consolidation-run.js';
import {
  activeByTriple,
  availableBackends,
  type BackendKind,
  makeTarget,
  type Target,
} from './consolidation-targets.js';

const KINDS = await availableBackends('the consolidation concurrency tests on PostgreSQL are');
const SEED = 20260401;
const ROUNDS = 6;
const CONTROL_ROUNDS = Number(process.env.PROPGRADE_TEST_CONTROL_ROUNDS ?? 20);
const PRODUCERS = [0, 1, 2, 3];

async function withTarget<T>(kind: BackendKind, fn: (target: Target) => Promise<T>): Promise<T> {
  const target = await makeTarget(kind);
  try {
    return await fn(target);
  } finally {
    await target.cleanup();
  }
}

describe.each(KINDS)('four concurrent producers on %s', (kind) => {
  const tmp = tempDir('propgrade-concurrency-');
  const files = writeScenario(tmp.dir, SEED);
  let reference: string[] = [];
  beforeAll(async () => {
    reference = await withTarget(kind, async (t) => {
      await ingestSequentially(t, files, PRODUCERS);
      return contentOf(t);
    });
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('the reference is well defined: a sequential ingest in another order gives the same table', async () => {
    const other = await withTarget(kind, async (t) => {
      await ingestSequentially(t, files, [3, 1, 0, 2]);
      return contentOf(t);
    });
    expect(other).toEqual(reference);
    const versions = reference.map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(versions.some((v) => v.isWithdrawn)).toBe(true);
    expect(versions.some((v) => v.lineValue === null)).toBe(true);
    expect([...activeByTriple(reference).values()].every((ids) => ids.length === 1)).toBe(true);
  }, 120_000);

  it('every round ends with the sequential table, whatever the start order', async () => {
    const random = seededRandom(SEED + 1);
    for (let round = 0; round < ROUNDS; round++) {
      const order = shuffled(PRODUCERS, random);
      await withTarget(kind, async (t) => {
        await cliOk(t, ['ingest', 'actuals', files.actuals]);
        const results = await runConcurrentProducers(
          t,
          order.map((k) => ({
            file: files.batches[k]!,
            failpoints: `consolidate-after-lease=sleep:${50 + Math.floor(random() * 150)},consolidate-mid-insert=sleep:${Math.floor(random() * 40)}`,
            delayMs: Math.floor(random() * 25),
          })),
        );
        for (const r of results) expect(r.code, r.stderr).toBe(0);
        expect(await contentOf(t), `round ${round}, start order ${order}`).toEqual(reference);
        const reports = results.map((r) => jsonOf(r));
        expectSerializedByFences(reports);
        const added = reports.reduce((sum, r) => sum + (r.versionsAdded as number), 0);
        expect(added, 'every version is added by exactly one producer').toBe(reference.length);
        const batches = await t.withStore((s) => s.listBatches());
        expect(batches.map((b) => [b.status, b.stagedRows])).toEqual(
          PRODUCERS.map(() => ['merged', 0]),
        );
      });
    }
  }, 300_000);

  it('control: the naive merge diverges from the sequential table in at least 90% of rounds', async () => {
    let diverged = 0;
    let doubleActive = 0;
    for (let round = 0; round < CONTROL_ROUNDS; round++) {
      await withTarget(kind, async (t) => {
        await t.sql('DROP INDEX predictions_one_active');
        await cliOk(t, ['ingest', 'actuals', files.actuals]);
        const sync = {
          gate: join(tmp.dir, `gate-${kind}-${round}`),
          barrier: join(tmp.dir, `barrier-${kind}-${round}`),
        };
        const results = await runNaiveProducers(t, files.batches, sync);
        for (const r of results) expect(r.code, r.stderr).toBe(0);
        const content = await contentOf(t);
        if (JSON.stringify(content) !== JSON.stringify(reference)) diverged += 1;
        doubleActive += [...activeByTriple(content).values()].filter(
          (ids) => ids.length > 1,
        ).length;
      });
    }
    const rate = diverged / CONTROL_ROUNDS;
    console.log(
      `control (${kind}): the naive merge diverged in ${diverged}/${CONTROL_ROUNDS} rounds (${(rate * 100).toFixed(0)}%); ` +
        `${doubleActive} triples ended with two or more active versions`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});

/** Per date, the producers' fences are distinct: each merge claimed its own, newer token. */
function expectSerializedByFences(reports: Record<string, unknown>[]): void {
  const byDate = new Map<string, number[]>();
  for (const report of reports) {
    for (const f of report.fences as { gameDate: string; fence: number }[])
      byDate.set(f.gameDate, [...(byDate.get(f.gameDate) ?? []), f.fence]);
  }
  expect(byDate.size).toBeGreaterThan(0);
  for (const fences of byDate.values()) expect(new Set(fences).size).toBe(fences.length);
}
