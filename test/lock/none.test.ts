/** The `--lock none` stand-in lease. */
import { expect, test } from 'vitest';
import { LockLostError } from '../../src/errors.js';
import { noneLease, STORE_ISSUED_FENCE } from '../../src/lock/none.js';

test('a none lease has fence 0, mode none, is never lost, and releases idempotently', async () => {
  const lease = noneLease({ key: 'grading_2026-01-17', runId: 'r1', holder: 'h:1/r1' });
  expect(lease).toMatchObject({
    fence: STORE_ISSUED_FENCE,
    mode: 'none',
    lost: false,
    renewals: 0,
  });
  expect(STORE_ISSUED_FENCE).toBe(0);
  expect(() => lease.assertValid()).not.toThrow();
  expect(lease.signal.aborted).toBe(false);
  await lease[Symbol.asyncDispose]();
  await lease.release();
  expect(() => lease.assertValid()).toThrow(LockLostError);
  expect(lease.signal.aborted).toBe(false);
});
