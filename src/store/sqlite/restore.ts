/**
 * `restoreBackup` on SQLite: one BEGIN IMMEDIATE that claims the backup's dates, drops the guard
 * first when the backed-up rows repeat a key, replaces each date's rows with the backup's,
 * verifies the count, recomputes the dates and logs.
 */
import { InternalError } from '../../errors.js';
import { failpoint } from '../../util/failpoints.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import type { RestoreBackupRequest, RestoreBackupResult } from '../store.js';
import { findBackup } from './backups.js';
import type { Db, SqliteConnection } from './connection.js';
import {
  claimDates,
  datesOf,
  guardInstalled,
  logEntry,
  placeholders,
  recomputeDates,
  setGuard,
  tableRepeatsKeys,
} from './maintenance-tx.js';

const COLUMN_LIST = ACCURACY_COLUMNS.map((c) => c.column).join(', ');

/** The validated backup table name, and a check that its dates are exactly the claimed ones. */
function checkedBackup(db: Db, req: RestoreBackupRequest): string {
  const info = findBackup(db, req.backup.table);
  if (!info) throw new InternalError(`not a backup table: ${JSON.stringify(req.backup.table)}`);
  const claimed = datesOf(req.fences);
  const held = db
    .prepare(`SELECT DISTINCT game_date FROM ${info.table} ORDER BY game_date`)
    .pluck()
    .all() as string[];
  if (held.some((d) => !claimed.includes(d)))
    throw new InternalError(`backup ${info.table} holds dates ${held.join(', ')}, not all claimed`);
  return info.table;
}

async function copyBack(db: Db, table: string, dates: readonly string[]): Promise<number> {
  const insert = db.prepare(
    `INSERT INTO prediction_accuracy (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM ${table}
     WHERE game_date = ?`,
  );
  let restored = 0;
  for (const [i, date] of dates.entries()) {
    restored += insert.run(date).changes;
    if (i === 0) await failpoint('restore-mid-insert');
  }
  return restored;
}

/** Put a backup's dates back (see the Store port). */
export function restoreBackup(
  conn: SqliteConnection,
  req: RestoreBackupRequest,
): Promise<RestoreBackupResult> {
  const dates = datesOf(req.fences);
  return conn.asyncImmediate(async (db) => {
    claimDates(db, req.fences);
    const table = checkedBackup(db, req);
    const expected = Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
    const repeats = tableRepeatsKeys(db, table);
    const guardDropped = repeats && guardInstalled(db);
    const operationId = String(req.log.details.operationId ?? '');
    if (guardDropped) setGuard(db, false, `restore of ${table}: its rows repeat keys`, operationId);
    const rowsDeleted = db
      .prepare(`DELETE FROM prediction_accuracy WHERE game_date IN ${placeholders(dates)}`)
      .run(...dates).changes;
    const rowsRestored = await copyBack(db, table, dates);
    if (rowsRestored !== expected)
      throw new InternalError(`restored ${rowsRestored} rows of ${expected} from ${table}`);
    req.checkLease?.();
    await recomputeDates(db, dates, req.recompute);
    logEntry(db, req.log, { table, dates, rowsDeleted, rowsRestored, guardDropped });
    await failpoint('restore-before-commit');
    req.checkLease?.();
    return { rowsDeleted, rowsRestored, guardDropped };
  });
}
