/**
 * `restoreBackup` on PostgreSQL: one transaction that locks the backup's dates' fence rows,
 * drops the guard first when the backed-up rows repeat a key, replaces each date's rows with the
 * backup's, verifies the count, recomputes the dates and logs.
 */
import type { PoolClient } from 'pg';
import { InternalError } from '../../errors.js';
import { failpoint } from '../../util/failpoints.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import type { RestoreBackupRequest, RestoreBackupResult } from '../store.js';
import { findBackup } from './backups.js';
import {
  datesOf,
  guardInstalled,
  logEntry,
  maintenanceTx,
  recomputeDates,
  setGuard,
  tableRepeatsKeys,
} from './maintenance-tx.js';
import type { PgContext } from './pool.js';
import { columnList } from './rows.js';

const COLUMNS = columnList(ACCURACY_COLUMNS);

/** The validated backup table name, and a check that its dates are all claimed. */
async function checkedBackup(client: PoolClient, req: RestoreBackupRequest): Promise<string> {
  const info = await findBackup(client, req.backup.table);
  if (!info) throw new InternalError(`not a backup table: ${JSON.stringify(req.backup.table)}`);
  const claimed = datesOf(req.fences);
  const { rows } = await client.query<{ d: string }>(
    `SELECT DISTINCT game_date AS d FROM ${info.table} ORDER BY 1`,
  );
  if (rows.some((r) => !claimed.includes(r.d)))
    throw new InternalError(`backup ${info.table} holds dates that are not claimed`);
  return info.table;
}

async function copyBack(client: PoolClient, table: string, dates: readonly string[]) {
  let restored = 0;
  for (const [i, date] of dates.entries()) {
    const result = await client.query(
      `INSERT INTO prediction_accuracy (${COLUMNS}) SELECT ${COLUMNS} FROM ${table}
       WHERE game_date = $1::date`,
      [date],
    );
    restored += result.rowCount ?? 0;
    if (i === 0) await failpoint('restore-mid-insert');
  }
  return restored;
}

/** Put a backup's dates back (see the Store port). */
export function restoreBackup(
  ctx: PgContext,
  req: RestoreBackupRequest,
): Promise<RestoreBackupResult> {
  const dates = datesOf(req.fences);
  return maintenanceTx(ctx, req.fences, async (client) => {
    const table = await checkedBackup(client, req);
    const counted = await client.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
    const expected = Number(counted.rows[0]!.n);
    const guardDropped = (await tableRepeatsKeys(client, table)) && (await guardInstalled(client));
    const operationId = String(req.log.details.operationId ?? '');
    if (guardDropped)
      await setGuard(client, false, `restore of ${table}: its rows repeat keys`, operationId);
    const deleted = await client.query(
      'DELETE FROM prediction_accuracy WHERE game_date = ANY($1::date[])',
      [dates],
    );
    const rowsDeleted = deleted.rowCount ?? 0;
    const rowsRestored = await copyBack(client, table, dates);
    if (rowsRestored !== expected)
      throw new InternalError(`restored ${rowsRestored} rows of ${expected} from ${table}`);
    req.checkLease?.();
    await recomputeDates(client, dates, req.recompute);
    await logEntry(client, req.log, { table, dates, rowsDeleted, rowsRestored, guardDropped });
    await failpoint('restore-before-commit');
    req.checkLease?.();
    return { rowsDeleted, rowsRestored, guardDropped };
  });
}
