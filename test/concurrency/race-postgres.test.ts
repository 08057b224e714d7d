/**
 * Issue 3's race: two propgrade processes on separate connections grade one date at once with
 * `--lock none`, so only the store protects the write: the fence row, locked first inside the
 * write transaction, serializes them. The guard is dropped so it cannot mask anything. The
 * control is the plain two-statement DELETE then INSERT without the fence row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { partitionContent } from '../helpers/partition.js';
import { requirePostgres } from '../store/pg-helpers.js';
import { controlRound, openTargetStore, protectedRound, RACE_DATE, seedTarget } from './harness.js';
import { postgresTarget } from './targets.js';

const ROUNDS = Number(process.env.PROPGRADE_RACE_ROUNDS ?? 50);
const available = await requirePostgres('the PostgreSQL race test is');

describe.skipIf(!available)(
  available ? 'PostgreSQL store race without a lock' : 'SKIPPED: PostgreSQL unreachable',
  () => {
    const t = { ...postgresTarget('postgres'), lockUrl: 'none' };
    let reference: string[] = [];
    beforeAll(async () => {
      await seedTarget(t);
      expect(
        (
          await runCli(['grade', '--date', RACE_DATE, '--db', t.dbUrl, '--lock', 'none'], {
            env: t.env,
          })
        ).code,
      ).toBe(0);
      const store = await openTargetStore(t);
      reference = await partitionContent(store, RACE_DATE);
      await store.close();
      await t.dropGuard();
    });
    afterAll(() => t.cleanup());

    it(`${ROUNDS} rounds of two writers: all exit 0, no duplicate key, the partition equals a clean run`, {
      timeout: ROUNDS * 5_000 + 30_000,
    }, async () => {
      const store = await openTargetStore(t);
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const r = await protectedRound(t, round, ['scheduled', 'backfill']);
          expect(r.codes, r.stderr.join('\n')).toEqual([0, 0]);
          expect(r.together).toBe(1);
          expect(
            (await store.duplicateSummary({ from: RACE_DATE, to: RACE_DATE })).duplicateKeys,
          ).toBe(0);
          expect(await partitionContent(store, RACE_DATE)).toEqual(reference);
        }
      } finally {
        await store.close();
      }
    });

    it('control: the plain two-statement DELETE then INSERT duplicates in ≥ 90% of rounds (rate printed)', {
      timeout: 120_000,
    }, async () => {
      const store = await openTargetStore(t);
      const rounds = 20;
      let duplicated = 0;
      try {
        for (let round = 0; round < rounds; round++) {
          const r = await controlRound(t, round, 2);
          expect(r.codes, r.stderr.join('\n')).toEqual([0, 0]);
          if ((await store.duplicateSummary({ from: RACE_DATE, to: RACE_DATE })).duplicateKeys > 0)
            duplicated += 1;
        }
      } finally {
        await store.close();
      }
      console.log(
        `[postgres race] control duplicated the date in ${duplicated}/${rounds} rounds (${((duplicated / rounds) * 100).toFixed(0)}%)`,
      );
      expect(duplicated / rounds).toBeGreaterThanOrEqual(0.9);
    });
  },
);
