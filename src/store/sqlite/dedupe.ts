/**
 * The cleaning transaction of `dedupe` on SQLite: one BEGIN IMMEDIATE that claims the dates'
 * fences, checks they still hold what was backed up, lets the caller choose the rows to delete
 * (by rowid) from every row of the dates, deletes them in chunks, verifies rows = unique keys,
 * installs the guard when the whole table is clean, recomputes the dates and logs.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { AccuracyRow, IsoDate } from '../../domain/types.js';
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
import type { Db, SqliteConnection } from './connection.js';
import { decodeRow } from './encode.js';
import {
  claimDates,
  datesOf,
  guardInstalled,
  keyCountsOfDates,
  keyCountsWhere,
  logEntry,
  rawDatePages,
  recomputeDates,
  setGuard,
  tableRepeatsKeys,
} from './maintenance-tx.js';
import { SQLITE_CHUNK_ROWS } from './replace-partition.js';

/** NULL-safe counts over a date range. */
export function keyCounts(db: Db, range: DateRange): KeyCounts {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (range.from) {
    clauses.push('game_date >= ?');
    params.push(range.from);
  }
  if (range.to) {
    clauses.push('game_date <= ?');
    params.push(range.to);
  }
  return keyCountsWhere(db, 'prediction_accuracy', clauses.join(' AND '), params);
}

async function* refPages(db: Db, dates: readonly IsoDate[]): AsyncGenerator<AccuracyRowRef[]> {
  for await (const rows of rawDatePages(db, dates)) {
    yield rows.map((r) => ({
      ref: String(r._rowid),
      row: decodeRow<AccuracyRow>(r, ACCURACY_COLUMNS),
    }));
  }
}

async function deleteRefs(db: Db, refs: readonly string[], checkLease?: () => void) {
  const remove = db.prepare('DELETE FROM prediction_accuracy WHERE rowid = ?');
  let deleted = 0;
  for (let i = 0; i < refs.length; i += SQLITE_CHUNK_ROWS) {
    for (const ref of refs.slice(i, i + SQLITE_CHUNK_ROWS)) deleted += remove.run(ref).changes;
    if (i === 0) await failpoint('dedupe-mid-delete');
    checkLease?.();
    await yieldLoop();
  }
  return deleted;
}

/** Installs the guard when it is dropped and no key of the whole table repeats; true when installed. */
function guardAfterClean(db: Db, operationId: string): boolean {
  if (guardInstalled(db)) return true;
  if (tableRepeatsKeys(db, 'prediction_accuracy')) return false;
  setGuard(db, true, 'dedupe: the whole table is free of duplicate keys', operationId);
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
export function dedupeDates(
  conn: SqliteConnection,
  req: DedupeDatesRequest,
): Promise<DedupeDatesResult> {
  const dates = datesOf(req.fences);
  return conn.asyncImmediate(async (db) => {
    claimDates(db, req.fences);
    const before = keyCountsOfDates(db, dates);
    if (req.backup && before.rows !== req.backup.rows) {
      throw new InternalError(
        `the dates hold ${before.rows} rows but backup ${req.backup.table} holds ${req.backup.rows}: they changed since the backup; rolled back`,
      );
    }
    const refs = dates.length ? await req.choose(refPages(db, dates)) : [];
    const removed = await deleteRefs(db, refs, req.checkLease);
    const after = keyCountsOfDates(db, dates);
    verify(dates, before, after, removed);
    const guard = guardAfterClean(db, String(req.log.details.operationId ?? ''));
    await recomputeDates(db, dates, req.recompute);
    logEntry(db, req.log, { dates, before, after, removed, guardInstalled: guard });
    req.checkLease?.();
    await failpoint('dedupe-before-commit');
    req.checkLease?.();
    return { before, after, removed, guardInstalled: guard };
  });
}
