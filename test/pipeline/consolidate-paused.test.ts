/**
 * A producer paused inside its merge transaction past its lease (failpoint
 * `consolidate-mid-insert=pause`), on SQLite and PostgreSQL: a lease alone is not mutual
 * exclusion, so the next producer's merge must not interleave with it. PostgreSQL: the next
 * holder, with a newer token, terminates the paused session and merges. SQLite: the paused
 * writer keeps the database's write lock, so the next producer gives up with exit 4 (never a
 * corrupt table) and is simply run again. Resumed, the paused producer finds its lease lost and
 * rolls back. The next ingest sweeps its batch from staging; the table ends as a sequential
 * ingest leaves it.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScenario } from '../concurrency/consolidation-data.js';
import { cliOk, contentOf, ingestSequentially } from '../concurrency/consolidation-run.js';
import {
  activeByTriple,
  availableBackends,
  makeTarget,
  type Target,
} from '../concurrency/consolidation-targets.js';
import { runCli, startCli, tempDir } from '../helpers/cli.js';

const KINDS = await availableBackends('the paused-producer consolidation tests on PostgreSQL are');
const TTL_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isStopped(pid: number): boolean {
  return execFileSync('ps', ['-o', 'stat=', '-p', String(pid)])
    .toString()
    .trim()
    .startsWith('T');
}

async function waitUntilStopped(pid: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!isStopped(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} never reached the failpoint`);
    await sleep(20);
  }
}

describe.each(KINDS)('a producer paused in its merge on %s', (kind) => {
  const tmp = tempDir('propgrade-consolidate-paused-');
  const files = writeScenario(tmp.dir, 11);
  let reference: string[] = [];
  let target: Target | undefined;
  beforeAll(async () => {
    const t = await makeTarget(kind);
    try {
      await ingestSequentially(t, files, [0, 1, 2]);
      reference = await contentOf(t);
    } finally {
      await t.cleanup();
    }
  }, 60_000);
  afterAll(async () => {
    await target?.cleanup();
    tmp.cleanup();
  });

  it('never lets the paused merge and the next one both commit; the table ends as a sequential ingest', async () => {
    const t = await makeTarget(kind);
    target = t;
    await cliOk(t, ['ingest', 'actuals', files.actuals]);
    const paused = startCli(
      ['ingest', 'predictions', files.batches[0]!, '--db', t.db, '--lock-ttl', String(TTL_MS)],
      { env: { PROPGRADE_FAILPOINTS: 'consolidate-mid-insert=pause' } },
    );
    await waitUntilStopped(paused.child.pid!);
    await sleep(TTL_MS + 200);
    const next = await runCli(
      ['ingest', 'predictions', files.batches[1]!, '--db', t.db, '--json'],
      {
        env: { PROPGRADE_SQLITE_BUSY_TIMEOUT_MS: '1500' },
      },
    );
    paused.child.kill('SIGCONT');
    const resumed = await paused.done;
    expect(next.code, next.stderr).toBe(kind === 'postgres' ? 0 : 4);
    expect([4, 5], resumed.stderr).toContain(resumed.code);

    const retried =
      next.code === 0 ? [] : [await cliOk(t, ['ingest', 'predictions', files.batches[1]!])];
    const last = await cliOk(t, ['ingest', 'predictions', files.batches[2]!]);
    const swept = [...retried, last].flatMap((r) => r.sweptBatches as { outcome: string }[]);
    expect(swept.map((b) => b.outcome)).toEqual(['merged']);
    const content = await contentOf(t);
    expect([...activeByTriple(content).values()].every((ids) => ids.length === 1)).toBe(true);
    expect(content).toEqual(reference);
  }, 90_000);
});
