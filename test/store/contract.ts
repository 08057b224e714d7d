/**
 * The Store contract: one suite of tests every Store implementation passes, written against the
 * port only (no backend checks; differences would be `store.capabilities`). A backend's test
 * file calls `describeStoreContract(name, makeStore)`; each call of `makeStore` gives a fresh,
 * un-migrated location (a schema, a file) that its `cleanup` removes.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { IsoDate } from '../../src/domain/types.js';
import type { Store } from '../../src/store/store.js';
import { addDays } from '../../src/util/dates.js';
import { actualsContract } from './contract-actuals.js';
import { alertsContract } from './contract-alerts.js';
import { checksContract } from './contract-checks.js';
import { cleanupContract } from './contract-cleanup.js';
import { dedupeOrderContract } from './contract-dedupe-order.js';
import { duplicatesContract } from './contract-duplicates.js';
import { historyContract } from './contract-history.js';
import { ingestContract } from './contract-ingest.js';
import { ledgerContract } from './contract-ledger.js';
import { migrateContract } from './contract-migrate.js';
import { readsContract } from './contract-reads.js';
import { replaceContract } from './contract-replace.js';
import { snapshotContract } from './contract-snapshot.js';
import { stagingContract } from './contract-staging.js';

/** A store at a fresh location, with the test-only helpers the suite needs. */
export interface StoreFixture {
  /** A store on the fresh location, not yet migrated. */
  store: Store;
  /** Another Store on the same location (its own connection, as another process would have). */
  openAnother(): Promise<Store>;
  /** Test-only raw SQL: drop the unique guard index and record it as dropped, so duplicates can be written. */
  dropGuard(): Promise<void>;
  /** Test-only raw SQL: create a plain (non-unique) index under the guard's name (the guard dropped). */
  impostorGuard(): Promise<void>;
  /** Close every store of this location and remove the location. */
  cleanup(): Promise<void>;
}

/** What each part of the suite gets. */
export interface ContractContext {
  /** The migrated store shared by the file's tests (each test keeps to its own dates). */
  readonly store: Store;
  /** A game date no other test of this suite uses. */
  nextDate(): IsoDate;
  /** A fresh, un-migrated location, cleaned up after the suite. */
  fresh(): Promise<StoreFixture>;
}

/** Register the Store contract tests for one backend. */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`${name} store contract`, () => {
    let shared: StoreFixture | undefined;
    const extra: StoreFixture[] = [];
    let day = 0;
    const ctx: ContractContext = {
      get store(): Store {
        if (shared === undefined) throw new Error('the shared store is not open');
        return shared.store;
      },
      nextDate: () => addDays('2030-01-01', day++),
      fresh: async () => {
        const fixture = await makeStore();
        extra.push(fixture);
        return fixture;
      },
    };
    beforeAll(async () => {
      shared = await makeStore();
      await shared.store.migrate();
    });
    afterAll(async () => {
      for (const fixture of [...extra, shared]) await fixture?.cleanup();
    });
    migrateContract(ctx);
    ingestContract(ctx);
    actualsContract(ctx);
    ledgerContract(ctx);
    replaceContract(ctx);
    readsContract(ctx);
    snapshotContract(ctx);
    duplicatesContract(ctx);
    cleanupContract(ctx);
    dedupeOrderContract(ctx);
    alertsContract(ctx);
    checksContract(ctx);
    historyContract(ctx);
    stagingContract(ctx);
  });
}
