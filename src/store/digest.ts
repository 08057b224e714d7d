/**
 * Order-independent content digest of a set of rows: each row is serialised canonically and
 * hashed, the hashes are sorted, and the sorted list is hashed. Both stores use it, so a
 * checksum taken before and after a failed write compares contents, not physical order.
 */
import { createHash } from 'node:crypto';
import type { TableDigest } from './store.js';

/** Accumulates rows (plain objects from the driver) into a TableDigest. */
export class RowDigest {
  private readonly hashes: string[] = [];

  add(row: Record<string, unknown>): void {
    const canonical = JSON.stringify(
      Object.keys(row)
        .sort()
        .map((k) => [k, normalise(row[k])]),
    );
    this.hashes.push(createHash('sha256').update(canonical).digest('hex'));
  }

  result(): TableDigest {
    const all = createHash('sha256');
    for (const h of this.hashes.sort()) all.update(h);
    return { rows: this.hashes.length, sha256: all.digest('hex') };
  }
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}
