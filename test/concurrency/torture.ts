/**
 * Torture (issue 4): three OS processes — triggers scheduled, backfill and manual — grade one date
 * for many rounds with the unique guard dropped so it cannot mask anything. Every process exits 0,
 * no duplicate key, hold windows disjoint, fences rising in commit order, the partition equal to
 * one clean run. The control (lock off, two-statement write, the same barrier) duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  fencesRiseInCommitOrder,
  overlappingHolds,
  partitionContent,
} from '../helpers/partition.js';
import { controlRound, openTargetStore, protectedRound, RACE_DATE, seedTarget } from './harness.js';
import type { Target } from './targets.js';

const TRIGGERS = ['scheduled', 'backfill', 'manual'] as const;

/** Register the torture and its control for one deployment. */
export function describeTorture(
  name: string,
  makeTarget: () => Target,
  rounds: number,
  controlRounds: number,
): void {
  describe(`${name}: ${TRIGGERS.length} processes grade one date for ${rounds} rounds`, () => {
    const t = makeTarget();
    let reference: string[] = [];
    beforeAll(async () => {
      await seedTarget(t);
      const clean = await runCli(
        ['grade', '--date', RACE_DATE, '--db', t.dbUrl, '--lock', t.lockUrl],
        { env: t.env },
      );
      expect(clean.code, clean.stderr).toBe(0);
      const store = await openTargetStore(t);
      reference = await partitionContent(store, RACE_DATE);
      await store.close();
      await t.dropGuard();
    });
    afterAll(() => t.cleanup());

    it('never duplicates, never overlaps, fences rise, and the partition equals a clean run', {
      timeout: rounds * 5_000 + 60_000,
    }, async () => {
      const store = await openTargetStore(t);
      try {
        for (let round = 0; round < rounds; round++) {
          const r = await protectedRound(t, round, TRIGGERS);
          expect(r.codes, r.stderr.join('\n')).toEqual([0, 0, 0]);
          expect(
            r.together,
            `round ${round}: writers inside the delete–insert window at once`,
          ).toBe(1);
          expect(
            (await store.duplicateSummary({ from: RACE_DATE, to: RACE_DATE })).duplicateKeys,
          ).toBe(0);
          expect(await partitionContent(store, RACE_DATE)).toEqual(reference);
        }
        const runs = await store.listRuns({ gameDate: RACE_DATE });
        expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(
          rounds * TRIGGERS.length + 1,
        );
        expect(overlappingHolds(runs)).toEqual([]);
        expect(fencesRiseInCommitOrder(runs)).toBe(true);
      } finally {
        await store.close();
      }
    });

    it(`control: lock off and a two-statement write duplicate the date in ≥ 90% of ${controlRounds} rounds`, {
      timeout: controlRounds * 5_000 + 30_000,
    }, async () => {
      const store = await openTargetStore(t);
      let duplicated = 0;
      try {
        for (let round = 0; round < controlRounds; round++) {
          const r = await controlRound(t, round, TRIGGERS.length);
          expect(r.codes, r.stderr.join('\n')).toEqual([0, 0, 0]);
          if ((await store.duplicateSummary({ from: RACE_DATE, to: RACE_DATE })).duplicateKeys > 0)
            duplicated += 1;
        }
      } finally {
        await store.close();
      }
      const rate = duplicated / controlRounds;
      console.log(
        `[${name}] control duplicated the date in ${duplicated}/${controlRounds} rounds (${(rate * 100).toFixed(0)}%)`,
      );
      expect(rate).toBeGreaterThanOrEqual(0.9);
    });
  });
}
