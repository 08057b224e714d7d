import { describe, expect, it } from 'vitest';
import { FULL_SIZES, parseBenchArgs, QUICK_SIZES } from '../../src/bench/args.js';
import { SCENARIOS } from '../../src/bench/result.js';

describe('bench arguments', () => {
  it('defaults to every scenario, 3 runs, bench/results.json', () => {
    expect(parseBenchArgs([])).toEqual({
      out: 'bench/results.json',
      runs: 3,
      only: [...SCENARIOS],
      quick: false,
    });
  });

  it('reads --out, --runs, --only (in scenario order) and --quick', () => {
    const args = parseBenchArgs(['--only', 'lock,grade-263k', '--runs', '5', '--out', 'x.json']);
    expect(args).toEqual({ out: 'x.json', runs: 5, only: ['grade-263k', 'lock'], quick: false });
    expect(parseBenchArgs(['--quick', '--runs', '1']).runs).toBe(1);
  });

  it('refuses fewer than 3 runs without --quick, unknown scenarios and flags', () => {
    expect(() => parseBenchArgs(['--runs', '2'])).toThrow(/at least 3/);
    expect(() => parseBenchArgs(['--only', 'speed'])).toThrow(/unknown scenario "speed"/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
    expect(() => parseBenchArgs(['--out'])).toThrow(/needs a value/);
  });

  it('keeps the sizes the issue names in the full run', () => {
    expect(FULL_SIZES.gradeDate).toBe(263_274);
    expect(FULL_SIZES.memoryDate).toBe(1_000_000);
    expect(FULL_SIZES.backgroundRows).toBe(5_000_000);
    expect(FULL_SIZES.backfillDates).toBe(30);
    expect(QUICK_SIZES.gradeDate).toBeLessThan(FULL_SIZES.gradeDate);
  });
});
