import { describe, expect, it } from 'vitest';
import {
  CoverageRefusedError,
  EXIT,
  exitCodeFor,
  InputError,
  InternalError,
  LockLostError,
  LockTimeoutError,
  mostSevereExit,
  UnavailableError,
} from '../src/errors.js';

describe('exit code mapper', () => {
  it.each([
    [new InputError('x'), EXIT.badInput],
    [new CoverageRefusedError('x', '2026-01-01'), EXIT.badInput],
    [new LockTimeoutError('x', 'k', null, null), EXIT.lockTimeout],
    [new UnavailableError('x', 'u'), EXIT.unavailable],
    [new LockLostError('x', 'k', 'stale_fence'), EXIT.lockLost],
    [new InternalError('x'), EXIT.internal],
    [new Error('anything else'), EXIT.internal],
    ['a string', EXIT.internal],
  ])('%s maps to %i', (err, code) => {
    expect(exitCodeFor(err)).toBe(code);
  });

  it('unwraps SuppressedError from `await using` so the work’s own error decides', async () => {
    const run = async () => {
      await using _res = {
        async [Symbol.asyncDispose]() {
          throw new Error('dispose failed');
        },
      };
      throw new LockLostError('lost', 'k', 'lock_lost');
    };
    const err = await run().catch((e: unknown) => e);
    expect((err as Error).name).toBe('SuppressedError');
    expect(exitCodeFor(err)).toBe(EXIT.lockLost);
  });

  it('backfill picks the most severe code in the order 4, 5, 3, 6, 2', () => {
    expect(mostSevereExit([0, 2, 6, 3])).toBe(3);
    expect(mostSevereExit([2, 5, 4])).toBe(4);
    expect(mostSevereExit([2, 6])).toBe(6);
    expect(mostSevereExit([0, 0])).toBe(0);
  });
});
