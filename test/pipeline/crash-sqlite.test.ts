import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { withStore } from '../helpers/sqlite-db.js';

const DATE = '2026-03-05';
const TTL = '1500';

/** A newer version for one player, so that a new grading would change the date's rows. */
function newerVersion(dir: string, n: number): string {
  const file = join(dir, `newer-${n}.csv`);
  writeFileSync(
    file,
    `system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,confidence_score,created_at\nsys_a,jalenbrunson,20260305_BOS_NYK,2026-03-05,25.5,${30 + n},OVER,0.7,2026-03-05T17:0${n}:00Z\n`,
  );
  return file;
}

describe.each(['mid-insert', 'before-commit'])('a crash at %s on SQLite', (point) => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'crash.db');
  beforeAll(async () => {
    for (const kind of ['actuals', 'predictions'])
      await runCli(['ingest', kind, join(EXAMPLE_DIR, `${kind}.csv`), '--db', db]);
    expect((await runCli(['grade', '--date', DATE, '--db', db])).code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('leaves the date exactly as before; the run becomes abandoned; the next grade succeeds', async () => {
    expect(
      (await runCli(['ingest', 'predictions', newerVersion(tmp.dir, 1), '--db', db])).code,
    ).toBe(0);
    const before = await withStore(db, (s) => s.tableDigest('prediction_accuracy', DATE));
    const crashed = await runCli(
      ['grade', '--date', DATE, '--db', db, '--lock-ttl', TTL, '--json'],
      {
        env: { PROPGRADE_FAILPOINTS: `${point}=crash` },
      },
    );
    expect(crashed.signal).toBe('SIGKILL');
    expect(await withStore(db, (s) => s.tableDigest('prediction_accuracy', DATE))).toEqual(before);
    const running = await withStore(db, (s) => s.listRuns({ gameDate: DATE, status: 'running' }));
    expect(running).toHaveLength(1);

    await new Promise((r) => setTimeout(r, Number(TTL) + 100));
    const next = await runCli(['grade', '--date', DATE, '--db', db, '--json']);
    expect(next.code, next.stderr).toBe(0);
    expect(jsonOf(next)).toMatchObject({ status: 'succeeded', rowsReplaced: before.rows });
    const crashedRun = await withStore(db, (s) => s.getRun(running[0]!.runId));
    expect(crashedRun?.status).toBe('abandoned');
    expect(await withStore(db, (s) => s.tableDigest('prediction_accuracy', DATE))).not.toEqual(
      before,
    );
  });

  it('control: without the crash the same grade changes the date (so the checksum comparison can fail)', async () => {
    expect(
      (await runCli(['ingest', 'predictions', newerVersion(tmp.dir, 2), '--db', db])).code,
    ).toBe(0);
    const before = await withStore(db, (s) => s.tableDigest('prediction_accuracy', DATE));
    expect((await runCli(['grade', '--date', DATE, '--db', db])).code).toBe(0);
    expect(await withStore(db, (s) => s.tableDigest('prediction_accuracy', DATE))).not.toEqual(
      before,
    );
  });
});
