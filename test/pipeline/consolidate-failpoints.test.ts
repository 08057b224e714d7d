/**
 * Deterministic crash tests of the consolidation write path through the built CLI, on SQLite and
 * PostgreSQL: a producer killed at a failpoint before its merge commits leaves `predictions`
 * unchanged (digest) and its batch in staging; the next ingest (of another batch, once the dead
 * producer's lease has expired) merges its own batch and sweeps the abandoned one, ending with the
 * table a sequential ingest of both files gives. Killed after the commit, the batch is merged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScenario } from '../concurrency/consolidation-data.js';
import { cliOk, contentOf, ingestSequentially } from '../concurrency/consolidation-run.js';
import {
  availableBackends,
  makeTarget,
  type Target,
} from '../concurrency/consolidation-targets.js';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';

const KINDS = await availableBackends('the consolidation failpoint tests on PostgreSQL are');
const TTL = '1500';
const BEFORE_COMMIT = [
  'consolidate-after-lease',
  'consolidate-mid-insert',
  'consolidate-before-commit',
] as const;

async function crashAt(target: Target, point: string, file: string) {
  const result = await runCli(
    ['ingest', 'predictions', file, '--db', target.db, '--lock-ttl', TTL, '--json'],
    { env: { PROPGRADE_FAILPOINTS: `${point}=crash` } },
  );
  expect(result.signal, result.stderr).toBe('SIGKILL');
}

const digest = (t: Target) => t.withStore((s) => s.tableDigest('predictions'));
const batches = (t: Target) => t.withStore((s) => s.listBatches());

describe.each(KINDS)('consolidation crashes on %s', (kind) => {
  const tmp = tempDir('propgrade-consolidate-crash-');
  const files = writeScenario(tmp.dir, 7);
  let reference: string[] = [];
  const targets: Target[] = [];
  const fresh = async () => {
    const t = await makeTarget(kind);
    targets.push(t);
    await cliOk(t, ['ingest', 'actuals', files.actuals]);
    return t;
  };
  beforeAll(async () => {
    const t = await fresh();
    await ingestSequentially(t, { ...files, batches: files.batches.slice(0, 2) }, [0, 1]);
    reference = await contentOf(t);
  }, 60_000);
  afterAll(async () => {
    for (const t of targets) await t.cleanup();
    tmp.cleanup();
  });

  it.each(BEFORE_COMMIT)(
    '%s=crash leaves predictions unchanged and the batch staged; the next ingest sweeps it',
    async (point) => {
      const t = await fresh();
      const before = await digest(t);
      await crashAt(t, point, files.batches[0]!);
      expect(await digest(t)).toEqual(before);
      const [left] = await batches(t);
      expect(left).toMatchObject({ status: 'staged', stagedRows: left!.rows });
      expect(left!.rows).toBeGreaterThan(0);

      const next = await cliOk(t, ['ingest', 'predictions', files.batches[1]!]);
      expect(next.status).toBe('merged');
      expect(next.sweptBatches).toEqual([
        expect.objectContaining({ batchId: left!.batchId, outcome: 'merged' }),
      ]);
      expect(await contentOf(t)).toEqual(reference);
      const after = await batches(t);
      expect(after.map((b) => [b.status, b.stagedRows])).toEqual([
        ['merged', 0],
        ['merged', 0],
      ]);
    },
    60_000,
  );

  it('consolidate-mid-insert=crash, then the same file again: the batch is resumed and merged once', async () => {
    const t = await fresh();
    await crashAt(t, 'consolidate-mid-insert', files.batches[0]!);
    const again = await cliOk(t, ['ingest', 'predictions', files.batches[0]!]);
    expect(again).toMatchObject({ status: 'merged', sweptBatches: [] });
    expect(again.versionsAdded).toBeGreaterThan(0);
    await cliOk(t, ['ingest', 'predictions', files.batches[1]!]);
    expect(await contentOf(t)).toEqual(reference);
    const third = await cliOk(t, ['ingest', 'predictions', files.batches[0]!]);
    expect(third).toMatchObject({ status: 'already_merged', versionsAdded: 0 });
  }, 60_000);

  it('consolidate-after-commit=crash: the batch is merged and its staging gone; the next ingest goes on', async () => {
    const t = await fresh();
    const before = await digest(t);
    await crashAt(t, 'consolidate-after-commit', files.batches[0]!);
    expect(await digest(t)).not.toEqual(before);
    expect((await batches(t)).map((b) => [b.status, b.stagedRows])).toEqual([['merged', 0]]);
    const next = jsonOf(
      await runCli(['ingest', 'predictions', files.batches[1]!, '--db', t.db, '--json']),
    );
    expect(next).toMatchObject({ status: 'merged', sweptBatches: [] });
    expect(await contentOf(t)).toEqual(reference);
  }, 60_000);

  it('control: without a failpoint the same ingest changes predictions (the digest comparison can fail)', async () => {
    const t = await fresh();
    const before = await digest(t);
    await cliOk(t, ['ingest', 'predictions', files.batches[0]!]);
    expect(await digest(t)).not.toEqual(before);
  }, 60_000);
});
