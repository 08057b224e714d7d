/**
 * `backups` and `backups prune --keep N`: the backup tables `dedupe` took, as the maintenance
 * log records them. A backup name is an identifier, never a parameter: it is accepted only when
 * it matches the pattern and the log and the catalog know it.
 */
import { InputError } from '../errors.js';
import { BACKUP_TABLE_PATTERN, type BackupInfo, type Store } from '../store/store.js';

/** The backup a user named, or InputError (bad name, or not a known backup). */
export async function resolveBackup(store: Store, name: string): Promise<BackupInfo> {
  if (!BACKUP_TABLE_PATTERN.test(name)) {
    throw new InputError(
      `"${name}" is not a backup name (prediction_accuracy_backup_<yyyymmddthhmmss>[_n], lower case)`,
      { field: '--backup' },
    );
  }
  const info = await store.findBackup(name);
  if (!info) {
    throw new InputError(`no backup ${name}: not in the maintenance log, or its table is gone`, {
      field: '--backup',
    });
  }
  return info;
}

/** Backups whose tables exist, newest first. */
export function listBackups(store: Store): Promise<BackupInfo[]> {
  return store.listBackups();
}

/** What `backups prune` did. */
export interface PruneReport {
  kept: string[];
  dropped: string[];
}

/** Keep the newest `keep` backups and drop the others (logged). */
export async function pruneBackups(store: Store, keep: number): Promise<PruneReport> {
  if (!Number.isSafeInteger(keep) || keep < 0)
    throw new InputError(`--keep must be a whole number ≥ 0 (got ${keep})`, { field: '--keep' });
  const all = await store.listBackups();
  const dropped = all.slice(keep).map((b) => b.table);
  for (const table of dropped) await store.dropBackup(table, `backups prune --keep ${keep}`);
  return { kept: all.slice(0, keep).map((b) => b.table), dropped };
}
