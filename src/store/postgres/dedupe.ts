/**
 * The cleaning transaction of `dedupe` on PostgreSQL: one transaction that locks the dates'
 * fence rows, checks they still hold what was backed up, lets the caller choose the rows to
 * delete (by ctid, stable inside the transaction) from every row of the dates, deletes them in
 * chunks, verifies rows = unique keys, installs the guard when the whole table is clean,
 * recomputes the dates and logs.
 */
import type { PoolClient, QueryResultRow } from 'pg';
import type { IsoDate } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { failpoint } from '../../util/failpoints.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import type {
  AccuracyRowRef,
  DateRange,
  DedupeDatesRequest,
  DedupeDatesResult,
  KeyCounts,
} from '../store.js';
import {
  cursorBatches,
  datesOf,
  guardInstalled,
  keyCountsOfDates,
  keyCountsWhere,
  logEntry,
  maintenanceTx,
  recomputeDates,
  setGuard,
  tableRepeatsKeys,
} from './maintenance-tx.js';
import type { PgContext } from './pool.js';
import { columnList, toAccuracyRow } from './rows.js';
import { dateRangeWhere } from './sql.js';
import { chunked } from './unnest.js';

/** Rows per DELETE statement (the lease is checked between them). */
const DELETE_ROWS = 20_000;

/** NULL-safe counts over a date range. */
export function keyCounts(ctx: PgContext, range: DateRange): Promise<KeyCounts> {
  return ctx.withClient((client) => {
    const params: unknown[] = [];
    const clauses = dateRangeWhere(range, params);
    return keyCountsWhere(client, 'prediction_accuracy', clauses.join(' AND '), params);
  });
}

function refPages(client: PoolClient, dates: readonly IsoDate[]) {
  return cursorBatches<AccuracyRowRef>(
    client,
    `SELECT ctid::text AS ref, ${columnList(ACCURACY_COLUMNS)} FROM prediction_accuracy
     WHERE game_date = ANY($1::date[])`,
    [dates],
    (r: QueryResultRow) => ({ ref: String(r.ref), row: toAccuracyRow(r) }),
  );
}

async function deleteRefs(client: PoolClient, refs: readonly string[], checkLease?: () => void) {
  let deleted = 0;
  for (const [i, chunk] of chunked(refs, DELETE_ROWS).entries()) {
    const result = await client.query(
      'DELETE FROM prediction_accuracy WHERE ctid = ANY($1::tid[])',
      [chunk],
    );
    deleted += result.rowCount ?? 0;
    if (i === 0) await failpoint('dedupe-mid-delete');
    checkLease?.();
  }
  return deleted;
}

async function guardAfterClean(client: PoolClient, operationId: string): Promise<boolean> {
  if (await guardInstalled(client)) return true;
  if (await tableRepeatsKeys(client, 'prediction_accuracy')) return false;
  await setGuard(client, true, 'dedupe: the whole table is free of duplicate keys', operationId);
  return true;
}

function verify(dates: readonly IsoDate[], before: KeyCounts, after: KeyCounts, removed: number) {
  const ok =
    after.rows === after.uniqueKeys &&
    after.uniqueKeys === before.uniqueKeys &&
    after.rows === before.rows - removed;
  if (!ok) {
    throw new InternalError(
      `dedupe verification failed on ${dates.join(', ')}: before ${before.rows} rows / ${before.uniqueKeys} keys, after ${after.rows} rows / ${after.uniqueKeys} keys, ${removed} removed; rolled back`,
    );
  }
}

/** The cleaning transaction (see the Store port). */
export function dedupeDates(ctx: PgContext, req: DedupeDatesRequest): Promise<DedupeDatesResult> {
  const dates = datesOf(req.fences);
  return maintenanceTx(ctx, req.fences, async (client) => {
    const before = await keyCountsOfDates(client, dates);
    if (req.backup && before.rows !== req.backup.rows) {
      throw new InternalError(
        `the dates hold ${before.rows} rows but backup ${req.backup.table} holds ${req.backup.rows}: they changed since the backup; rolled back`,
      );
    }
    const refs = dates.length ? await req.choose(refPages(client, dates)) : [];
    const removed = await deleteRefs(client, refs, req.checkLease);
    const after = await keyCountsOfDates(client, dates);
    verify(dates, before, after, removed);
    const guard = await guardAfterClean(client, String(req.log.details.operationId ?? ''));
    await recomputeDates(client, dates, req.recompute);
    await logEntry(client, req.log, { dates, before, after, removed, guardInstalled: guard });
    req.checkLease?.();
    await failpoint('dedupe-before-commit');
    req.checkLease?.();
    return { before, after, removed, guardInstalled: guard };
  });
}
