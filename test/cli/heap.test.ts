/** The CLI's heap growth setting: default, override, V8's own, and a clear error for bad values. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent } from '../../src/cli/heap.js';
import { InputError } from '../../src/errors.js';

describe('heapGrowingPercent', () => {
  it('defaults when unset or empty, and takes a whole number from 0 to 1000', () => {
    expect(heapGrowingPercent({})).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(heapGrowingPercent({ PROPGRADE_HEAP_GROWING_PERCENT: '' })).toBe(50);
    expect(heapGrowingPercent({ PROPGRADE_HEAP_GROWING_PERCENT: '0' })).toBe(0);
    expect(heapGrowingPercent({ PROPGRADE_HEAP_GROWING_PERCENT: '1000' })).toBe(1000);
  });

  it.each(['-1', '1.5', '1001', 'fifty', ' 20'])('rejects %j naming the variable', (raw) => {
    const read = () => heapGrowingPercent({ PROPGRADE_HEAP_GROWING_PERCENT: raw });
    expect(read).toThrow(InputError);
    expect(read).toThrow(/PROPGRADE_HEAP_GROWING_PERCENT/);
  });
});
