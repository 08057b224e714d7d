/** Store contract: upsertActuals, readActuals, knownGameDates, latestInputChanges. */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { ContractContext } from './contract.js';
import { actual, at, ISO_MS, rejectionOf, uid, version } from './fixtures.js';

/** Actuals tests. */
export function actualsContract(ctx: ContractContext): void {
  describe('upsertActuals', () => {
    test('inserts new rows, updates changed ones, leaves identical ones alone', async () => {
      const date = ctx.nextDate();
      const gameId = uid('game');
      const a = actual({ gameDate: date, gameId, playerLookup: 'a' });
      const b = actual({
        gameDate: date,
        gameId,
        playerLookup: 'b',
        points: null,
        isDnp: true,
        injuryStatus: 'OUT',
      });
      expect(await ctx.store.upsertActuals([a, b])).toMatchObject({
        inserted: 2,
        updated: 0,
        datesTouched: [date],
      });
      const changedA = { ...a, points: 31, gameStartAt: at(date, '19:30') };
      expect(await ctx.store.upsertActuals([changedA, b])).toMatchObject({
        inserted: 0,
        updated: 1,
      });
      expect(await ctx.store.upsertActuals([changedA, b])).toMatchObject({
        inserted: 0,
        updated: 0,
      });
      const stored = await ctx.store.readActuals(date);
      const byPlayer = (x: { playerLookup: string }, y: { playerLookup: string }) =>
        x.playerLookup < y.playerLookup ? -1 : 1;
      expect([...stored].sort(byPlayer)).toEqual([changedA, b]);
    });

    test('a game_id stored under another date is refused and nothing changes', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      const [fromActuals, fromPredictions] = [uid('game'), uid('game')];
      await ctx.store.upsertActuals([actual({ gameDate: d1, gameId: fromActuals })]);
      await ctx.store.ingestPredictions([version({ gameDate: d1, gameId: fromPredictions })], 'b');
      const before = await Promise.all([
        ctx.store.tableDigest('actuals'),
        ctx.store.tableDigest('predictions'),
      ]);
      for (const gameId of [fromActuals, fromPredictions]) {
        const rows = [
          actual({ gameDate: d2, gameId: uid('ok') }),
          actual({ gameDate: d2, gameId }),
        ];
        const err = await rejectionOf(ctx.store.upsertActuals(rows));
        expect(err).toBeInstanceOf(InputError);
        expect((err as InputError).where.field).toBe('game_id');
        expect((err as Error).message).toContain(gameId);
      }
      const after = await Promise.all([
        ctx.store.tableDigest('actuals'),
        ctx.store.tableDigest('predictions'),
      ]);
      expect(after).toEqual(before);
      expect(await ctx.store.readActuals(d2)).toEqual([]);
    });
  });

  describe('knownGameDates and latestInputChanges', () => {
    test('knownGameDates finds games from actuals and from predictions, and omits unknown ones', async () => {
      const date = ctx.nextDate();
      const [g1, g2] = [uid('game'), uid('game')];
      await ctx.store.upsertActuals([actual({ gameDate: date, gameId: g1 })]);
      await ctx.store.ingestPredictions([version({ gameDate: date, gameId: g2 })], 'b');
      const known = await ctx.store.knownGameDates([g1, g2, 'never-seen']);
      expect(Object.fromEntries(known)).toEqual({ [g1]: date, [g2]: date });
    });

    test('latestInputChanges gives each date with inputs in the range its newest change', async () => {
      const [d1, d2] = [ctx.nextDate(), ctx.nextDate()];
      await ctx.store.ingestPredictions([version({ gameDate: d1 })], 'b');
      const beforeActuals = await ctx.store.latestInputChanges({ from: d1, to: d2 });
      await ctx.store.upsertActuals([actual({ gameDate: d1, gameId: uid('game') })]);
      const changes = await ctx.store.latestInputChanges({ from: d1, to: d2 });
      expect([...changes.keys()]).toEqual([d1]);
      expect(changes.get(d1)).toMatch(ISO_MS);
      expect(Date.parse(changes.get(d1)!)).toBeGreaterThanOrEqual(
        Date.parse(beforeActuals.get(d1)!),
      );
    });
  });
}
