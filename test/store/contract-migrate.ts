/** Store contract: migrate (idempotent, concurrent), ping, the clock, the guard's state. */
import { describe, expect, test } from 'vitest';
import type { ContractContext } from './contract.js';
import { ISO_MS } from './fixtures.js';

/** Migration and bookkeeping tests. */
export function migrateContract(ctx: ContractContext): void {
  describe('migrate', () => {
    test('a second migrate applies nothing and reports no guard warning', async () => {
      const again = await ctx.store.migrate();
      expect(again).toEqual({ applied: [], guardWarning: null });
    });

    test('three connections migrating a fresh location at once all succeed, each version once', async () => {
      const fixture = await ctx.fresh();
      const stores = [fixture.store, await fixture.openAnother(), await fixture.openAnother()];
      const results = await Promise.all(stores.map((s) => s.migrate()));
      const applied = results.flatMap((r) => r.applied);
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied).size).toBe(applied.length);
      expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
      expect((await stores[2]!.migrate()).applied).toEqual([]);
    });

    test('the unique guard is installed by the first migration', async () => {
      const guard = await ctx.store.guardState();
      expect(guard.installed).toBe(true);
      expect(guard.changedAt).toMatch(ISO_MS);
    });

    test('a dropped guard is reported by migrate and not reinstalled', async () => {
      const fixture = await ctx.fresh();
      await fixture.store.migrate();
      await fixture.dropGuard();
      const result = await fixture.store.migrate();
      expect(result.applied).toEqual([]);
      expect(result.guardWarning).toMatch(/guard/i);
      expect((await fixture.store.guardState()).installed).toBe(false);
    });
  });

  describe('ping, clock and logs', () => {
    test('ping resolves and the clock gives millisecond UTC ISO timestamps that do not go back', async () => {
      await expect(ctx.store.ping()).resolves.toBeUndefined();
      const first = await ctx.store.now();
      const second = await ctx.store.now();
      expect(first).toMatch(ISO_MS);
      expect(Date.parse(second)).toBeGreaterThanOrEqual(Date.parse(first));
    });

    test('validations get distinct ids; maintenance entries are accepted', async () => {
      const record = {
        kind: 'daily_check' as const,
        runId: null,
        from: '2030-01-01',
        to: '2030-01-07',
      };
      const a = await ctx.store.insertValidation({
        ...record,
        status: 'ok',
        result: { checks: [] },
      });
      const b = await ctx.store.insertValidation({
        ...record,
        status: 'critical',
        result: { n: 1 },
      });
      expect(a).not.toBe('');
      expect(a).not.toBe(b);
      await expect(
        ctx.store.logMaintenance('test', { note: 'it\'s "quoted"' }),
      ).resolves.toBeUndefined();
    });
  });
}
