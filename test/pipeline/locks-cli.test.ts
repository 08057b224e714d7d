/** Failing closed, force release, and lock inspection through the CLI. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, jsonOf, runCli, startCli, tempDir } from '../helpers/cli.js';
import { withStore } from '../helpers/sqlite-db.js';
import { unusedPort } from '../store/pg-helpers.js';

const DATE = '2026-03-05';

function isStopped(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('T') ?? false;
  } catch {
    return false;
  }
}

describe('locks through the CLI (SQLite store)', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'locks.db');
  beforeAll(async () => {
    for (const kind of ['actuals', 'predictions'])
      await runCli(['ingest', kind, join(EXAMPLE_DIR, `${kind}.csv`), '--db', db]);
    expect((await runCli(['grade', '--date', DATE, '--db', db])).code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it.each(['redis', 'postgres'])(
    'an unreachable %s lock backend fails closed: exit 4 without waiting out --wait, run recorded, nothing written',
    { timeout: 60_000 },
    async (scheme) => {
      const port = await unusedPort();
      const lockUrl =
        scheme === 'redis'
          ? `redis://127.0.0.1:${port}`
          : `postgres://postgres@127.0.0.1:${port}/test`;
      const before = await withStore(db, (s) => s.tableDigest('prediction_accuracy'));
      const result = await runCli([
        'grade',
        '--date',
        DATE,
        '--db',
        db,
        '--lock',
        lockUrl,
        '--wait',
        '600000',
        '--json',
      ]);
      expect(result.code, result.stderr).toBe(4);
      const report = jsonOf<{ runId: string; status: string }>(result);
      expect(report.status).toBe('lock_unavailable');
      expect((await withStore(db, (s) => s.getRun(report.runId)))?.status).toBe('lock_unavailable');
      expect(await withStore(db, (s) => s.tableDigest('prediction_accuracy'))).toEqual(before);
    },
  );

  it('force release is recorded, advances the fence, and the old holder’s late write is refused', async () => {
    const before = await withStore(db, (s) => s.tableDigest('prediction_accuracy', DATE));
    const holder = startCli(
      ['grade', '--date', DATE, '--db', db, '--lock-ttl', '60000', '--json'],
      { env: { PROPGRADE_FAILPOINTS: 'after-lease=pause' } },
    );
    while (!isStopped(holder.child.pid!)) await new Promise((r) => setTimeout(r, 10));
    const listed = jsonOf<{ key: string; holder: string; fence: number }[]>(
      await runCli(['locks', 'list', '--db', db, '--json']),
    );
    expect(listed.map((l) => l.key)).toEqual([`grading_${DATE}`]);
    expect(listed[0]!.holder).toContain(`:${holder.child.pid}/`);

    const refused = await runCli(['locks', 'release', `grading_${DATE}`, '--db', db]);
    expect(refused.code).toBe(2);
    const released = await runCli([
      'locks',
      'release',
      `grading_${DATE}`,
      '--force',
      '--reason',
      'operator test',
      '--db',
      db,
      '--json',
    ]);
    expect(released.code, released.stderr).toBe(0);
    expect(jsonOf<{ fence: number }>(released).fence).toBeGreaterThanOrEqual(listed[0]!.fence);
    expect(
      jsonOf(await runCli(['locks', 'show', `grading_${DATE}`, '--db', db, '--json'])),
    ).toBeNull();

    holder.child.kill('SIGCONT');
    const late = await holder.done;
    expect(late.code, late.stderr).toBe(5);
    expect(['stale_fence', 'lock_lost']).toContain(jsonOf<{ status: string }>(late).status);
    expect(await withStore(db, (s) => s.tableDigest('prediction_accuracy', DATE))).toEqual(before);
  });

  it('--no-wait refuses at once naming the holder (exit 3)', async () => {
    const holder = startCli(['grade', '--date', DATE, '--db', db, '--lock-ttl', '60000'], {
      env: { PROPGRADE_FAILPOINTS: 'after-lease=pause' },
    });
    while (!isStopped(holder.child.pid!)) await new Promise((r) => setTimeout(r, 10));
    const result = await runCli(['grade', '--date', DATE, '--db', db, '--no-wait', '--json']);
    expect(result.code).toBe(3);
    expect(jsonOf<{ status: string; error: { message: string } }>(result)).toMatchObject({
      status: 'lock_timeout',
    });
    expect(result.stderr).toContain(`:${holder.child.pid}/`);
    holder.child.kill('SIGKILL');
    await holder.done;
  });
});
