import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/demo/random.js';

function sequence(random: SeededRandom, length: number): number[] {
  return Array.from({ length }, () => random.next());
}

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    expect(sequence(new SeededRandom(7), 20)).toEqual(sequence(new SeededRandom(7), 20));
    expect(sequence(new SeededRandom(8), 20)).not.toEqual(sequence(new SeededRandom(7), 20));
  });

  it('stays in [0, 1) with a mean near one half', () => {
    const values = sequence(new SeededRandom(1), 20_000);
    for (const v of values) expect(v >= 0 && v < 1).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });

  it('draws integers within inclusive bounds and reaches both ends', () => {
    const random = new SeededRandom(3);
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(6, 10)));
    expect([...seen].sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
  });

  it('draws uniform values within [min, max)', () => {
    const random = new SeededRandom(4);
    for (let i = 0; i < 1000; i++) {
      const v = random.uniform(-2, 3);
      expect(v >= -2 && v < 3).toBe(true);
    }
  });

  it('draws normal values with about the asked mean and spread', () => {
    const random = new SeededRandom(5);
    const values = Array.from({ length: 20_000 }, () => random.normal(10, 2));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });

  it('answers chance(0) never and chance(1) always', () => {
    const random = new SeededRandom(6);
    for (let i = 0; i < 100; i++) {
      expect(random.chance(0)).toBe(false);
      expect(random.chance(1)).toBe(true);
    }
  });

  it('shuffles into a permutation and picks members only', () => {
    const random = new SeededRandom(9);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = random.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(items).toContain(random.pick(items));
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('derives labelled streams that depend only on seed and labels', () => {
    const a = sequence(SeededRandom.derive(42, 20_517, 1), 5);
    expect(sequence(SeededRandom.derive(42, 20_517, 1), 5)).toEqual(a);
    expect(sequence(SeededRandom.derive(42, 20_517, 2), 5)).not.toEqual(a);
    expect(sequence(SeededRandom.derive(42, 20_518, 1), 5)).not.toEqual(a);
    expect(sequence(SeededRandom.derive(43, 20_517, 1), 5)).not.toEqual(a);
  });
});

describe('the demo generator source', () => {
  it('never reads Math.random or the clock', () => {
    const dir = fileURLToPath(new URL('../../src/demo', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('random.ts');
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/Math\.random\(|Date\.now\(|new Date\(\)/);
    }
  });
});
