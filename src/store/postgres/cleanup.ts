/** The cleanup methods of the Store port on PostgreSQL (import, dedupe, backups, restore). */
import type { CleanupStore } from '../store.js';
import * as backups from './backups.js';
import { dedupeDates, dedupePlan, keyCounts } from './dedupe.js';
import { appendAccuracy } from './import.js';
import type { PgContext } from './pool.js';
import { restoreBackup } from './restore.js';

/** The cleanup part of the Store port (src/store/port/cleanup.ts). */
export type CleanupMethods = CleanupStore;

/** Bind the cleanup methods to a store context. */
export function cleanupMethods(ctx: PgContext): CleanupMethods {
  return {
    appendAccuracy: (req) => appendAccuracy(ctx, req),
    keyCounts: (range) => keyCounts(ctx, range),
    dedupePlan: (range) => dedupePlan(ctx, range),
    createBackup: (req) => backups.createBackup(ctx, req),
    listBackups: () => ctx.withClient((client) => backups.listBackups(client)),
    findBackup: (table) => ctx.withClient((client) => backups.findBackup(client, table)),
    dropBackup: (table, reason) => backups.dropBackup(ctx, table, reason),
    dedupeDates: (req) => dedupeDates(ctx, req),
    restoreBackup: (req) => restoreBackup(ctx, req),
    listMaintenance: (filter) =>
      ctx.withClient((client) => backups.listMaintenance(client, filter?.actions)),
  };
}
