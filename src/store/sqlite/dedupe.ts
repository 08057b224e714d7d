/**
 * The cleaning transaction of `dedupe` on SQLite: one BEGIN IMMEDIATE that claims the dates'
 * fences, checks they still hold what was backed up, deletes every row but the kept one of each
 * key in one set-based statement (dedupe-rank.ts), builds the guard when the whole table is
 * clean, verifies rows = unique keys (the built unique index proves it, else a GROUP BY count)
 * and that no key was lost, recomputes the dates and logs. Any failure before COMMIT
 * (a crash included) rolls all of it back, so the table is never left half cleaned.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { IsoDate } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { failpoint } from '../../util/failpoints.js';
import {
  type DatePlanRow,
  datePlanSql,
  type KeySpan,
  keySpanSql,
  planFromDates,
  planFromSpans,
} from '../dedupe-sql.js';
import type {
  DateRange,
  DedupeDatesRequest,
  DedupeDatesResult,
  DedupePlan,
  KeyCounts,
} from '../store.js';
import type { Db, SqliteConnection } from './connection.js';
import {
  chooseFlagged,
  deleteRanked,
  dropRanked,
  rankDoomed,
  SQLITE_DEDUPE_DIALECT,
} from './dedupe-rank.js';
import {
  claimDates,
  datesOf,
  guardInstalled,
  keyCountsOfDates,
  keyCountsWhere,
  logEntry,
  placeholders,
  recomputeDates,
  setGuard,
} from './maintenance-tx.js';
import { SQLITE_CHUNK_ROWS } from './replace-partition.js';

function rangeWhere(range: DateRange): { where: string; params: unknown[] } {
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
  return { where: clauses.join(' AND '), params };
}

/** NULL-safe counts over a date range (with the guard installed no key repeats: rows only). */
export function keyCounts(db: Db, range: DateRange): KeyCounts {
  const { where, params } = rangeWhere(range);
  if (!guardInstalled(db)) return keyCountsWhere(db, 'prediction_accuracy', where, params);
  const sql = `SELECT COUNT(*) FROM prediction_accuracy ${where ? `WHERE ${where}` : ''}`;
  const rows = Number(
    db
      .prepare(sql)
      .pluck()
      .get(...params),
  );
  return { rows, uniqueKeys: rows };
}

/** The range's counts and its dates holding duplicated keys: one GROUP BY over the range (a window when a duplicated key spans dates). */
export function dedupePlan(db: Db, range: DateRange): DedupePlan {
  const { where, params } = rangeWhere(range);
  const spans = db.prepare(keySpanSql(SQLITE_DEDUPE_DIALECT, where)).all(...params) as KeySpan[];
  const perDate = () =>
    db.prepare(datePlanSql(SQLITE_DEDUPE_DIALECT, where)).all(...params) as DatePlanRow[];
  return planFromSpans(spans) ?? planFromDates(perDate());
}

async function deleteRefs(db: Db, refs: readonly string[], checkLease?: () => void) {
  const remove = db.prepare('DELETE FROM prediction_accuracy WHERE rowid = ?');
  let deleted = 0;
  for (let i = 0; i < refs.length; i += SQLITE_CHUNK_ROWS) {
    for (const ref of refs.slice(i, i + SQLITE_CHUNK_ROWS)) deleted += remove.run(ref).changes;
    checkLease?.();
    await yieldLoop();
  }
  return deleted;
}

/**
 * Rank the dates' rows, then delete every row but the kept one of each key (set-based; flagged
 * keys by the chooser). `uniqueKeys` is the dates' key count as the window saw it.
 */
async function deleteDuplicates(
  db: Db,
  dates: readonly IsoDate[],
  rows: number,
  req: DedupeDatesRequest,
) {
  if (dates.length === 0) return { removed: 0, uniqueKeys: 0 };
  const { doomed, flagged } = rankDoomed(db, dates, req.keep);
  let removed = deleteRanked(db, flagged > 0);
  await failpoint('dedupe-mid-delete');
  req.checkLease?.();
  if (flagged > 0)
    removed += await deleteRefs(db, await chooseFlagged(db, req.choose), req.checkLease);
  dropRanked(db);
  return { removed, uniqueKeys: rows - doomed };
}

/**
 * Install the guard when it is dropped, by building it: the unique index refuses to build when
 * some key of the whole table repeats (then the build is rolled back to a savepoint). True when
 * the guard is installed at the end.
 */
function guardAfterClean(db: Db, operationId: string): boolean {
  if (guardInstalled(db)) return true;
  db.exec('SAVEPOINT propgrade_guard');
  try {
    setGuard(db, true, 'dedupe: the whole table is free of duplicate keys', operationId);
  } catch (err) {
    db.exec('ROLLBACK TO propgrade_guard; RELEASE propgrade_guard');
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
    throw err;
  }
  db.exec('RELEASE propgrade_guard');
  return true;
}

/** The dates' counts after the delete: with the guard built every key has one row, else counted. */
function countsAfter(db: Db, dates: readonly IsoDate[], guard: boolean): KeyCounts {
  if (!guard) return keyCountsOfDates(db, dates);
  const rows = countRowsOfDates(db, dates);
  return { rows, uniqueKeys: rows };
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

function countRowsOfDates(db: Db, dates: readonly IsoDate[]): number {
  const sql = `SELECT COUNT(*) FROM prediction_accuracy WHERE game_date IN ${placeholders(dates)}`;
  return dates.length
    ? Number(
        db
          .prepare(sql)
          .pluck()
          .get(...dates),
      )
    : 0;
}

/** The cleaning transaction (see the Store port). */
export function dedupeDates(
  conn: SqliteConnection,
  req: DedupeDatesRequest,
): Promise<DedupeDatesResult> {
  const dates = datesOf(req.fences);
  return conn.asyncImmediate(async (db) => {
    claimDates(db, req.fences);
    const rows = countRowsOfDates(db, dates);
    if (req.backup && rows !== req.backup.rows) {
      throw new InternalError(
        `the dates hold ${rows} rows but backup ${req.backup.table} holds ${req.backup.rows}: they changed since the backup; rolled back`,
      );
    }
    const { removed, uniqueKeys } = await deleteDuplicates(db, dates, rows, req);
    const before = { rows, uniqueKeys };
    const guard = guardAfterClean(db, String(req.log.details.operationId ?? ''));
    const after = countsAfter(db, dates, guard);
    verify(dates, before, after, removed);
    await recomputeDates(db, dates, req.recompute);
    logEntry(db, req.log, { dates, before, after, removed, guardInstalled: guard });
    req.checkLease?.();
    await failpoint('dedupe-before-commit');
    req.checkLease?.();
    return { before, after, removed, guardInstalled: guard };
  });
}
