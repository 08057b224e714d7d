/** Backoff bounds and abortable sleep. */
import { describe, expect, test } from 'vitest';
import { BACKOFF, backoffDelay, sleep, withTimeout } from '../../src/lock/timing.js';
import { rejectionOf } from './helpers.js';

describe('backoffDelay', () => {
  test('full jitter between 0 and an exponential ceiling capped at 1 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.999)).toBe(BACKOFF.baseMs - 1);
    expect(backoffDelay(3, () => 0.5)).toBe(100);
    expect(backoffDelay(50, () => 0.999)).toBe(BACKOFF.capMs - 1);
  });
});

describe('sleep and withTimeout', () => {
  test('sleep rejects with the signal reason, at once when already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 10);
    expect(await rejectionOf(sleep(60_000, controller.signal))).toBe(reason);
    expect(await rejectionOf(sleep(60_000, controller.signal))).toBe(reason);
  });

  test('withTimeout gives the fallback when the promise is late, else its value', async () => {
    const never = new Promise<string>(() => undefined);
    expect(await withTimeout(never, 10, () => 'late')).toBe('late');
    expect(await withTimeout(Promise.resolve('on time'), 1000, () => 'late')).toBe('on time');
  });
});
