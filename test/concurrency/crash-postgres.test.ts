/**
 * Issue 3's crash test: `mid-insert=crash` during the COPY, 20 times. The date is always fully old
 * (checksum), the crashed run becomes `abandoned`, and the next grade succeeds.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../helpers/cli.js';
import { requirePostgres } from '../store/pg-helpers.js';
import { openTargetStore, RACE_DATE, seedTarget } from './harness.js';
import { postgresTarget } from './targets.js';

const CRASHES = Number(process.env.PROPGRADE_CRASH_ROUNDS ?? 20);
const TTL_MS = 800;
const available = await requirePostgres('the PostgreSQL crash test is');

describe.skipIf(!available)(
  available ? 'PostgreSQL: crash inside the COPY' : 'SKIPPED: PostgreSQL unreachable',
  () => {
    const t = postgresTarget('postgres');
    const grade = (env: Record<string, string> = {}) =>
      runCli(
        [
          'grade',
          '--date',
          RACE_DATE,
          '--db',
          t.dbUrl,
          '--lock',
          t.lockUrl,
          '--lock-ttl',
          String(TTL_MS),
          '--json',
        ],
        { env: { ...t.env, ...env } },
      );
    beforeAll(async () => {
      await seedTarget(t);
      expect((await grade()).code).toBe(0);
    });
    afterAll(() => t.cleanup());

    it(`${CRASHES} crashes leave the date fully old; each crashed run is abandoned; the next grade succeeds`, {
      timeout: CRASHES * 8_000 + 20_000,
    }, async () => {
      const store = await openTargetStore(t);
      try {
        for (let i = 0; i < CRASHES; i++) {
          const newer = join(t.dir, `newer-${i}.csv`);
          writeFileSync(
            newer,
            `system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,created_at\ncrash_sys,player${i},${await someGame(store)},${RACE_DATE},10.5,${11 + i},OVER,2026-03-07T12:00:00Z\n`,
          );
          expect(
            (
              await runCli(['ingest', 'predictions', newer, '--db', t.dbUrl, '--lock', t.lockUrl], {
                env: t.env,
              })
            ).code,
          ).toBe(0);
          const before = await store.tableDigest('prediction_accuracy', RACE_DATE);
          const crashed = await grade({ PROPGRADE_FAILPOINTS: 'mid-insert=crash' });
          expect(crashed.signal).toBe('SIGKILL');
          expect(await store.tableDigest('prediction_accuracy', RACE_DATE)).toEqual(before);
          const [running] = await store.listRuns({ gameDate: RACE_DATE, status: 'running' });
          expect(running).toBeDefined();
          await new Promise((r) => setTimeout(r, TTL_MS + 100));
          const next = await grade();
          expect(next.code, next.stderr).toBe(0);
          expect(jsonOf(next)).toMatchObject({ status: 'succeeded', rowsReplaced: before.rows });
          expect(await store.tableDigest('prediction_accuracy', RACE_DATE)).not.toEqual(before);
          expect((await store.getRun(running!.runId))?.status).toBe('abandoned');
        }
      } finally {
        await store.close();
      }
    });
  },
);

async function someGame(store: Awaited<ReturnType<typeof openTargetStore>>): Promise<string> {
  for await (const batch of store.streamPredictions(RACE_DATE, 1)) return batch[0]!.gameId;
  throw new Error('no predictions');
}
