/** The alert rules as pure functions: worse, suppression inside the window, one resolution. */
import { describe, expect, it } from 'vitest';
import {
  decideRaise,
  decideResolve,
  fingerprintOf,
  isWorse,
  suppressWindowMs,
} from '../../src/alerts/policy.js';
import type { AlertOutcome, AlertRecord } from '../../src/store/store.js';

const HOUR = 3_600_000;
const T0 = '2026-03-06T08:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

function record(outcome: AlertOutcome, measures: Record<string, number>): AlertRecord {
  return {
    alertId: `a-${outcome}`,
    event: 'daily_check',
    fingerprint: 'fp',
    tableName: 'prediction_accuracy',
    scope: '2026-03-05..2026-03-05',
    severity: 1,
    measures,
    outcome,
    attempts: 1,
    message: 'm',
    error: null,
    createdAt: T0,
  };
}

describe('isWorse', () => {
  it('a newly critical check or a higher count is worse; the same or less is not', () => {
    expect(isWorse({ a: 2 }, { a: 3 })).toBe(true);
    expect(isWorse({ a: 2 }, { a: 2, b: 1 })).toBe(true);
    expect(isWorse({ a: 2 }, { a: 2 })).toBe(false);
    expect(isWorse({ a: 2, b: 1 }, { a: 1 })).toBe(false);
    expect(isWorse({ a: 2 }, { b: 0 })).toBe(false);
  });
});

describe('decideRaise', () => {
  const told = { latest: record('sent', { a: 2 }), lastNotified: record('sent', { a: 2 }) };

  it('notifies a fingerprint nobody was told about', () => {
    expect(decideRaise({ latest: null, lastNotified: null }, T0, { a: 1 }, 6 * HOUR)).toEqual({
      notify: true,
      kind: 'new',
    });
    const onlyFailed = { latest: record('failed', { a: 2 }), lastNotified: null };
    expect(decideRaise(onlyFailed, T0, { a: 2 }, 6 * HOUR).notify).toBe(true);
  });

  it('suppresses the same finding inside the window, repeats it after the window', () => {
    expect(decideRaise(told, later(6 * HOUR - 1), { a: 2 }, 6 * HOUR)).toEqual({
      notify: false,
      kind: 'suppressed',
    });
    expect(decideRaise(told, later(6 * HOUR), { a: 2 }, 6 * HOUR)).toEqual({
      notify: true,
      kind: 'repeat',
    });
  });

  it('escalates inside the window when worse, never when better', () => {
    expect(decideRaise(told, later(1000), { a: 3 }, 6 * HOUR).kind).toBe('escalation');
    expect(decideRaise(told, later(1000), { a: 1 }, 6 * HOUR).kind).toBe('suppressed');
  });
});

describe('decideResolve', () => {
  it('nothing open: nothing to resolve', () => {
    expect(decideResolve({ latest: null, lastNotified: null })).toBeNull();
    expect(decideResolve({ latest: record('resolved', {}), lastNotified: null })).toBeNull();
  });

  it('open and told: resolve with a message; open but never delivered: resolve quietly', () => {
    const sent = record('sent', { a: 1 });
    expect(decideResolve({ latest: record('suppressed', { a: 1 }), lastNotified: sent })).toEqual({
      notify: true,
    });
    expect(decideResolve({ latest: record('failed', { a: 1 }), lastNotified: null })).toEqual({
      notify: false,
    });
    const logged = record('logged', { a: 1 });
    expect(decideResolve({ latest: logged, lastNotified: logged })).toEqual({ notify: false });
  });
});

describe('settings', () => {
  it('fingerprints name event, table and scope; a bad suppression setting falls back to 6 h', () => {
    expect(fingerprintOf('daily_check', 'prediction_accuracy', '2026-03-01..2026-03-07')).toBe(
      'daily_check:prediction_accuracy:2026-03-01..2026-03-07',
    );
    expect(suppressWindowMs(0.5)).toBe(HOUR / 2);
    expect(suppressWindowMs(Number.NaN)).toBe(6 * HOUR);
    expect(suppressWindowMs(-1)).toBe(6 * HOUR);
  });
});
