/** Open a store by URL: `sqlite:<file>` (or a bare path) or `postgres://…` (`?schema=` allowed). */
import { normaliseDatabaseUrl, redactUrl, sqliteFileOf } from '../config.js';
import { InputError } from '../errors.js';
import type { Store } from './store.js';

/**
 * Open and migrate the store named by `url`. The store module of the other kind (and its
 * driver) is never imported.
 */
export async function openStore(url: string, opts: { migrate?: boolean } = {}): Promise<Store> {
  const normalised = normaliseDatabaseUrl(url);
  const file = sqliteFileOf(normalised);
  let store: Store;
  if (file !== null) {
    const { createSqliteStore } = await import('./sqlite/index.js');
    store = createSqliteStore(file);
  } else if (/^postgres(ql)?:\/\//.test(normalised)) {
    const { createPostgresStore } = await import('./postgres/index.js');
    store = await createPostgresStore(normalised);
  } else {
    throw new InputError(
      `unsupported database URL ${redactUrl(normalised)}: use sqlite:<file>, a file path, or postgres://`,
      { field: '--db' },
    );
  }
  if (opts.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}
