/** The cleanup methods of the Store port on SQLite (import, dedupe, backups, restore). */
import type { CleanupStore } from '../store.js';
import * as backups from './backups.js';
import type { SqliteConnection } from './connection.js';
import { dedupeDates, dedupePlan, keyCounts } from './dedupe.js';
import { appendAccuracy } from './import.js';
import { restoreBackup } from './restore.js';

/** The cleanup part of the Store port (src/store/port/cleanup.ts). */
export type CleanupMethods = CleanupStore;

/** Bind the cleanup methods to a connection. */
export function cleanupMethods(conn: SqliteConnection): CleanupMethods {
  return {
    appendAccuracy: (req) => appendAccuracy(conn, req),
    keyCounts: (range) => conn.read((db) => keyCounts(db, range)),
    dedupePlan: (range) => conn.read((db) => dedupePlan(db, range)),
    createBackup: (req) => backups.createBackup(conn, req),
    listBackups: () => conn.read((db) => backups.listBackups(db)),
    findBackup: (table) => conn.read((db) => backups.findBackup(db, table)),
    dropBackup: (table, reason) => conn.immediate((db) => backups.dropBackup(db, table, reason)),
    dedupeDates: (req) => dedupeDates(conn, req),
    restoreBackup: (req) => restoreBackup(conn, req),
    listMaintenance: (filter) => conn.read((db) => backups.listMaintenance(db, filter?.actions)),
  };
}
