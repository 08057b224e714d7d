/**
 * Store contract: alert history. decideAlert reads a fingerprint's history and stores what the
 * decision picks in one transaction serialised per fingerprint; updateAlert records a delivery;
 * listAlerts lists newest first.
 */
import { describe, expect, test } from 'vitest';
import type { AlertHistory, AlertOutcome, NewAlert, Store } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';
import { ISO_MS, uid } from './fixtures.js';

function alert(fingerprint: string, outcome: AlertOutcome, measures = { n: 1 }): NewAlert {
  return {
    event: 'duplicates_after_write',
    fingerprint,
    tableName: 'prediction_accuracy',
    scope: '2031-02-01',
    severity: measures.n,
    measures,
    outcome,
    attempts: 0,
    message: `message ${outcome}`,
    error: null,
  };
}

const store = (s: Store, fingerprint: string, outcome: AlertOutcome, measures?: { n: number }) =>
  s.decideAlert(fingerprint, () => alert(fingerprint, outcome, measures));

async function historyOf(s: Store, fingerprint: string): Promise<AlertHistory> {
  let seen: AlertHistory | undefined;
  await s.decideAlert(fingerprint, (history) => {
    seen = history;
    return null;
  });
  return seen!;
}

/** Alert history tests. */
export function alertsContract(ctx: ContractContext): void {
  describe('alert history', () => {
    test('decideAlert stores the decided record with an id and the store clock; null stores nothing', async () => {
      const fp = uid('fp');
      const before = await ctx.store.now();
      const record = await store(ctx.store, fp, 'sending', { n: 3 });
      expect(record).toMatchObject({
        fingerprint: fp,
        outcome: 'sending',
        measures: { n: 3 },
        severity: 3,
      });
      expect(record!.createdAt).toMatch(ISO_MS);
      expect(record!.createdAt >= before).toBe(true);
      expect(await ctx.store.decideAlert(fp, () => null)).toBeNull();
      expect(await ctx.store.listAlerts({ fingerprint: fp })).toEqual([record]);
    });

    test('history: the newest record, and the newest notified one since the last resolution', async () => {
      const fp = uid('fp');
      expect(await historyOf(ctx.store, fp)).toEqual({ latest: null, lastNotified: null });
      const sent = await store(ctx.store, fp, 'sent');
      const suppressed = await store(ctx.store, fp, 'suppressed');
      expect(await historyOf(ctx.store, fp)).toEqual({ latest: suppressed, lastNotified: sent });
      const resolved = await store(ctx.store, fp, 'resolved');
      expect(await historyOf(ctx.store, fp)).toEqual({ latest: resolved, lastNotified: null });
      const failed = await store(ctx.store, fp, 'failed');
      expect(await historyOf(ctx.store, fp)).toEqual({ latest: failed, lastNotified: null });
      const logged = await store(ctx.store, fp, 'logged');
      expect((await historyOf(ctx.store, fp)).lastNotified).toEqual(logged);
    });

    test('updateAlert records the outcome, attempts and error; other fingerprints are untouched', async () => {
      const [fp, other] = [uid('fp'), uid('fp')];
      const record = await store(ctx.store, fp, 'sending');
      const untouched = await store(ctx.store, other, 'sending');
      await ctx.store.updateAlert(record!.alertId, {
        outcome: 'failed',
        attempts: 4,
        error: 'HTTP 500',
      });
      const [stored] = await ctx.store.listAlerts({ fingerprint: fp });
      expect(stored).toMatchObject({ outcome: 'failed', attempts: 4, error: 'HTTP 500' });
      expect((await historyOf(ctx.store, fp)).lastNotified).toBeNull();
      expect(await ctx.store.listAlerts({ fingerprint: other })).toEqual([untouched]);
    });

    test('listAlerts lists newest first (insertion order), limited', async () => {
      const fp = uid('fp');
      const ids = [];
      for (const outcome of ['sent', 'suppressed', 'suppressed', 'resolved'] as const)
        ids.push((await store(ctx.store, fp, outcome))!.alertId);
      const listed = await ctx.store.listAlerts({ fingerprint: fp });
      expect(listed.map((a) => a.alertId)).toEqual([...ids].reverse());
      expect(
        (await ctx.store.listAlerts({ fingerprint: fp, limit: 2 })).map((a) => a.alertId),
      ).toEqual([ids[3], ids[2]]);
      expect((await ctx.store.listAlerts({ limit: 1 })).length).toBe(1);
    });

    test('concurrent decisions on one fingerprint from two connections are serialised', async () => {
      const fixture = await ctx.fresh();
      await fixture.store.migrate();
      const other = await fixture.openAnother();
      const fp = uid('fp');
      const decideOnce = (s: Store) =>
        s.decideAlert(fp, (history) => alert(fp, history.lastNotified ? 'suppressed' : 'sending'));
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => decideOnce(i % 2 ? other : fixture.store)),
      );
      expect(outcomes.map((r) => r!.outcome).sort()).toEqual([
        'sending',
        ...Array.from({ length: 7 }, () => 'suppressed'),
      ]);
    });
  });
}
