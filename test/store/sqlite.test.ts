/** The Store contract against SQLite: each location a fresh file in a temp folder. */
import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/cli.js';
import { dropSqliteGuard, impostorSqliteGuard } from '../helpers/guard.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('sqlite', async () => {
  const tmp = tempDir('propgrade-contract-');
  const file = join(tmp.dir, 'store.db');
  const opened: Store[] = [];
  const open = async () => {
    const store = createSqliteStore(file);
    opened.push(store);
    return store;
  };
  return {
    store: await open(),
    openAnother: open,
    dropGuard: async () => dropSqliteGuard(file),
    impostorGuard: async () => impostorSqliteGuard(file),
    cleanup: async () => {
      for (const s of opened) await s.close();
      tmp.cleanup();
    },
  };
});
