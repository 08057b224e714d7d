/**
 * `ingest predictions` through the built CLI on SQLite and PostgreSQL: the batch registry (a
 * repeated batch is a no-op, a reused id with other content is bad input), `--keep-staging`,
 * the in-transaction check of one active version per triple (exit 6 naming the triples, staging
 * kept), the staging sweep, is_active when actuals bring start times, and `--lock none`.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredPrediction } from '../../src/domain/types.js';
import type { Store } from '../../src/store/store.js';
import { cliOk } from '../concurrency/consolidation-run.js';
import {
  availableBackends,
  makeTarget,
  type Target,
} from '../concurrency/consolidation-targets.js';
import { jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { collect, version } from '../store/fixtures.js';

const KINDS = await availableBackends('the consolidation pipeline tests on PostgreSQL are');
const DATE = '2026-05-01';
const HEAD =
  'system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,created_at';

const row = (player: string, game: string, line: string, time: string, date = DATE) =>
  `sys_a,${player},${game},${date},${line},20,OVER,${date}T${time}:00Z`;

async function activeOf(store: Store, date = DATE): Promise<string[]> {
  const { items } = await collect<StoredPrediction>(store.streamPredictions(date));
  return items
    .filter((v) => v.isActive)
    .map((v) => `${v.playerLookup}@${v.createdAt.slice(11, 16)}`)
    .sort();
}

/** A pid that is certainly not running: a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe.each(KINDS)('ingest predictions on %s', (kind) => {
  const tmp = tempDir('propgrade-consolidate-');
  const targets: Target[] = [];
  const fresh = async () => {
    const t = await makeTarget(kind);
    targets.push(t);
    return t;
  };
  const file = (name: string, ...rows: string[]) => {
    const path = join(tmp.dir, `${kind}-${name}.csv`);
    writeFileSync(path, `${HEAD}\n${rows.join('\n')}\n`);
    return path;
  };
  const ingest = (t: Target, path: string, ...flags: string[]) =>
    runCli(['ingest', 'predictions', path, '--db', t.db, '--json', ...flags]);
  afterAll(async () => {
    for (const t of targets) await t.cleanup();
    tmp.cleanup();
  });

  it('the same batch twice is a no-op; the same id with other content is exit 2 and changes nothing', async () => {
    const t = await fresh();
    const seed = file('seed', row('p1', 'G1', '20.5', '10:00'), row('p1', 'G1', '21.5', '11:00'));
    const first = await cliOk(t, ['ingest', 'predictions', seed, '--batch-id', 'b-1']);
    expect(first).toMatchObject({
      versionsAdded: 2,
      versionsAlreadyStored: 0,
      datesConsolidated: [DATE],
      status: 'merged',
    });
    const digest = () =>
      t.withStore(async (s) => [await s.tableDigest('predictions'), await s.listBatches()]);
    const before = await digest();
    const again = await cliOk(t, ['ingest', 'predictions', seed, '--batch-id', 'b-1']);
    expect(again).toMatchObject({
      versionsAdded: 0,
      datesConsolidated: [],
      status: 'already_merged',
    });
    const other = file('other', row('p2', 'G1', '19.5', '10:00'));
    const refused = await ingest(t, other, '--batch-id', 'b-1');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already registered with other content');
    expect(await digest()).toEqual(before);
  });

  it('staging is removed after the merge unless --keep-staging', async () => {
    const t = await fresh();
    const kept = await cliOk(t, [
      'ingest',
      'predictions',
      file('k', row('p1', 'G1', '1.5', '10:00')),
      '--keep-staging',
    ]);
    const dropped = await cliOk(t, [
      'ingest',
      'predictions',
      file('d', row('p2', 'G1', '1.5', '10:00')),
    ]);
    expect([kept.stagingKept, dropped.stagingKept]).toEqual([true, false]);
    const staged = await t.withStore(async (s) =>
      (await s.listBatches()).map((b) => [b.batchId, b.stagedRows]),
    );
    expect(staged).toEqual(
      expect.arrayContaining([
        [kept.batchId, 1],
        [dropped.batchId, 0],
      ]),
    );
  });

  it('two active versions in a triple of the date: exit 6 naming it, rolled back, staging kept, retried after repair', async () => {
    const t = await fresh();
    await cliOk(t, [
      'ingest',
      'predictions',
      file('v1', row('p1', 'G1', '20.5', '10:00'), row('p1', 'G1', '21.5', '11:00')),
    ]);
    await t.sql('DROP INDEX predictions_one_active');
    await t.sql(`UPDATE predictions SET is_active = (1 = 1) WHERE player_lookup = 'p1'`);
    const before = await t.withStore((s) => s.tableDigest('predictions'));
    const next = file('v2', row('p2', 'G1', '18.5', '12:00'));
    const refused = await ingest(t, next);
    expect(refused.code, refused.stderr).toBe(6);
    expect(jsonOf<{ error: { message: string } }>(refused).error.message).toContain(
      '(p1, G1, sys_a) on 2026-05-01: 2',
    );
    expect(await t.withStore((s) => s.tableDigest('predictions'))).toEqual(before);
    const [, failed] = await t.withStore((s) => s.listBatches());
    expect(failed).toMatchObject({ status: 'failed', stagedRows: 1 });
    const elsewhere = await cliOk(t, [
      'ingest',
      'predictions',
      file('v3', row('p9', 'G9', '5.5', '10:00', '2026-05-02')),
    ]);
    expect(elsewhere.failedBatches).toEqual([failed!.batchId]);
    await t.sql(
      `UPDATE predictions SET is_active = (1 = 0) WHERE player_lookup = 'p1' AND line_value = 20.5`,
    );
    expect(await cliOk(t, ['ingest', 'predictions', next])).toMatchObject({
      status: 'merged',
      versionsAdded: 1,
    });
    expect(await t.withStore((s) => activeOf(s))).toEqual(['p1@11:00', 'p2@12:00']);
  });

  it('the sweep merges a batch whose producer is gone, not one whose producer is alive', async () => {
    const t = await fresh();
    const stage = (holder: string, player: string) =>
      t.withStore((s) =>
        s.stageBatch({
          batchId: `left-by-${player}`,
          sha256: `sha-${player}`,
          holder,
          versions: [version({ gameDate: DATE, gameId: 'G1', playerLookup: player })],
        }),
      );
    await stage(`${hostname()}:${deadPid()}/crashed-run`, 'gone');
    await stage(`${hostname()}:${process.pid}/live-run`, 'alive');
    const report = await cliOk(t, [
      'ingest',
      'predictions',
      file('s', row('p1', 'G1', '20.5', '10:00')),
    ]);
    expect(report.sweptBatches).toEqual([
      expect.objectContaining({ batchId: 'left-by-gone', outcome: 'merged', versionsAdded: 1 }),
    ]);
    const status = await t.withStore(async (s) =>
      (await s.listBatches()).map((b) => [b.batchId, b.status]),
    );
    expect(status).toEqual(
      expect.arrayContaining([
        ['left-by-gone', 'merged'],
        ['left-by-alive', 'staged'],
      ]),
    );
    expect(await t.withStore((s) => activeOf(s))).toEqual(['gone@12:00', 'p1@10:00']);
  });

  it('actuals that bring a start time take is_active from versions created after it', async () => {
    const t = await fresh();
    await cliOk(t, [
      'ingest',
      'predictions',
      file('a', row('p1', 'G1', '20.5', '18:00'), row('p1', 'G1', '22.5', '19:30')),
    ]);
    expect(await t.withStore((s) => activeOf(s))).toEqual(['p1@19:30']);
    const actuals = join(tmp.dir, `${kind}-actuals.csv`);
    writeFileSync(
      actuals,
      `player_lookup,game_id,game_date,points,game_start_at\np1,G1,${DATE},25,${DATE}T19:00:00Z\n`,
    );
    await cliOk(t, ['ingest', 'actuals', actuals]);
    expect(await t.withStore((s) => activeOf(s))).toEqual(['p1@18:00']);
  });

  it('--lock none merges with a store-issued fence and says so', async () => {
    const t = await fresh();
    await cliOk(t, ['ingest', 'predictions', file('n1', row('p1', 'G1', '20.5', '10:00'))]);
    const result = await ingest(t, file('n2', row('p2', 'G1', '20.5', '10:00')), '--lock', 'none');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('--lock none');
    expect(jsonOf(result).fences).toEqual([{ gameDate: DATE, fence: 2 }]);
  });
});
