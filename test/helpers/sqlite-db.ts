/** Direct read access to a SQLite store file for assertions (digests of every table, rows). */

import type { AccuracyRow } from '../../src/domain/types.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { STORE_TABLES, type TableDigest } from '../../src/store/store.js';

/** Row count and checksum of every table of the store at `file`. */
export async function digestAll(file: string): Promise<Record<string, TableDigest>> {
  const store = createSqliteStore(file);
  try {
    await store.migrate();
    const out: Record<string, TableDigest> = {};
    for (const table of STORE_TABLES) out[table] = await store.tableDigest(table);
    return out;
  } finally {
    await store.close();
  }
}

/** The graded rows of a date (or all), sorted by business key. */
export async function accuracyRows(file: string, gameDate?: string): Promise<AccuracyRow[]> {
  const store = createSqliteStore(file);
  try {
    const rows: AccuracyRow[] = [];
    for await (const batch of store.streamAccuracy(
      gameDate ? { from: gameDate, to: gameDate } : {},
    ))
      rows.push(...batch);
    return rows.sort((a, b) =>
      `${a.systemId}|${a.playerLookup}|${a.lineValue}`.localeCompare(
        `${b.systemId}|${b.playerLookup}|${b.lineValue}`,
      ),
    );
  } finally {
    await store.close();
  }
}

/** Open the store at `file` for a callback. */
export async function withStore<T>(
  file: string,
  fn: (store: ReturnType<typeof createSqliteStore>) => Promise<T>,
): Promise<T> {
  const store = createSqliteStore(file);
  try {
    await store.migrate();
    return await fn(store);
  } finally {
    await store.close();
  }
}
