/**
 * One read of the ledger and the alert history per scrape, shared by every ledger-derived
 * metric: the registry asks all metrics at once, and they all await the same read.
 */
import type { AlertCount, LedgerHistogram, RunAggregate, Store } from '../store/store.js';

/** Bucket bounds (seconds) of every duration histogram: a few ms to an hour. */
export const DURATION_BUCKETS_S = [
  0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600,
] as const;

/** What the ledger said at one scrape; `ok` is false when the store could not be read. */
export interface LedgerSnapshot {
  ok: boolean;
  runs: RunAggregate[];
  alerts: AlertCount[];
}

/**
 * A loader that reads the store once per scrape: calls made while a read is in flight (every
 * metric of one scrape asks at once) share it; the next scrape reads afresh.
 */
export function ledgerSnapshots(
  store: Store,
  onError: (err: unknown) => void,
): () => Promise<LedgerSnapshot> {
  let inFlight: Promise<LedgerSnapshot> | undefined;
  const boundsMs = DURATION_BUCKETS_S.map((s) => s * 1000);
  const read = async (): Promise<LedgerSnapshot> => {
    try {
      const [runs, alerts] = await Promise.all([
        store.runAggregates(boundsMs),
        store.alertCounts(),
      ]);
      return { ok: true, runs, alerts };
    } catch (err) {
      onError(err);
      return { ok: false, runs: [], alerts: [] };
    } finally {
      inFlight = undefined;
    }
  };
  return () => {
    inFlight ??= read();
    return inFlight;
  };
}

/** Sum of several ledger histograms over the same bounds. */
export function mergeHistograms(parts: readonly LedgerHistogram[], size: number): LedgerHistogram {
  const merged: LedgerHistogram = { count: 0, sumMs: 0, buckets: new Array(size).fill(0) };
  for (const part of parts) {
    merged.count += part.count;
    merged.sumMs += part.sumMs;
    part.buckets.forEach((n, i) => {
      merged.buckets[i] = (merged.buckets[i] ?? 0) + n;
    });
  }
  return merged;
}

/** Group values of `items` by a key. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item)) ?? [];
    list.push(item);
    out.set(key(item), list);
  }
  return out;
}
