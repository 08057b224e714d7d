/** Key and holder naming. */
import { hostname } from 'node:os';
import { expect, test } from 'vitest';
import { holderFor, LOCK_TYPES, lockKey, lockTypeOf, namespacedKey } from '../../src/lock/keys.js';

test('keys are <type>_<scope> inside <namespace>:, holders <host>:<pid>/<runId>', () => {
  expect(LOCK_TYPES).toEqual(['grading', 'consolidation']);
  expect(lockKey('grading', '2026-01-17')).toBe('grading_2026-01-17');
  expect(lockTypeOf('consolidation_2026-01-17')).toBe('consolidation');
  expect(lockTypeOf('odd')).toBe('odd');
  expect(namespacedKey('ns', 'grading_2026-01-17')).toBe('ns:grading_2026-01-17');
  expect(holderFor('run-1')).toBe(`${hostname()}:${process.pid}/run-1`);
});
