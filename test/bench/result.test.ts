import { describe, expect, it } from 'vitest';
import { describeTarget, measurement } from '../../src/bench/result.js';

describe('bench measurements', () => {
  it('compares the median with the reference median against a max target', () => {
    const m = measurement({
      name: 'grade',
      unit: 'ms',
      runs: [300, 100, 200],
      reference: { name: 'floor', runs: [100, 150, 50] },
      target: { bound: 'max', of: 'ratio', value: 1.5 },
    });
    expect(m.median).toBe(200);
    expect(m.reference?.median).toBe(100);
    expect(m.ratio).toBe(2);
    expect(m.met).toBe(false);
  });

  it('turns reference/value into a speed-up judged against a min target', () => {
    const m = measurement({
      name: 'backfill',
      unit: 'ms',
      runs: [50, 50, 50],
      reference: { name: 'sequential', runs: [100, 90, 110] },
      ratioOf: 'reference/value',
      target: { bound: 'min', of: 'ratio', value: 1.6 },
    });
    expect(m.ratio).toBe(2);
    expect(m.met).toBe(true);
  });

  it('judges a value target without a reference', () => {
    const m = measurement({
      name: 'rss',
      unit: 'MB',
      runs: [310, 290, 305],
      target: { bound: 'max', of: 'value', value: 300 },
    });
    expect(m.met).toBe(false);
    expect(describeTarget(m.target!, 'MB')).toBe('≤ 300 MB');
  });
});
