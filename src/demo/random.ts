/**
 * A small seeded pseudo-random generator (mulberry32) with the helpers the demo slate needs.
 * The same seed always yields the same sequence; nothing here reads Math.random or the clock.
 */

/** Mix an arbitrary integer seed into a well-spread 32-bit state (splitmix32 finaliser). */
function mixSeed(seed: number): number {
  let z = (Math.trunc(seed) + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** A deterministic random source seeded with an integer. */
export class SeededRandom {
  private state: number;

  /** Start the sequence for `seed` (any integer; fractions are truncated). */
  constructor(seed: number) {
    this.state = mixSeed(seed);
  }

  /** Next value, uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Normally distributed value (Box-Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A shuffled copy of `items` (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /**
   * A generator for a sub-stream named by integer labels (a date, a purpose): its sequence depends
   * only on `seed` and the labels, so streams never shift when another stream is used more.
   */
  static derive(seed: number, ...labels: readonly number[]): SeededRandom {
    let state = mixSeed(seed);
    for (const label of labels) state = mixSeed(state ^ mixSeed(label));
    return new SeededRandom(state);
  }
}
