/**
 * The cleaning transaction of `dedupe` on PostgreSQL: one transaction that locks the dates'
 * fence rows, checks they still hold what was backed up, deletes every row but the kept one of
 * each key in one set-based statement (dedupe-rank.ts), builds the guard when the whole table is
 * clean, verifies rows = unique keys (the built unique index proves it, else a GROUP BY count)
 * and that no key was lost, recomputes the dates and logs. Nothing is visible before
 * COMMIT; a crash or error rolls all of it back.
 */
import type { PoolClient } from 'pg';
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
import {
  chooseFlagged,
  deleteRanked,
  dropRanked,
  PG_DEDUPE_DIALECT,
  rankDoomed,
} from './dedupe-rank.js';
import {
  datesOf,
  guardInstalled,
  keyCountsOfDates,
  keyCountsWhere,
  logEntry,
  maintenanceTx,
  recomputeDates,
  setGuard,
} from './maintenance-tx.js';
import type { PgContext } from './pool.js';
import { dateRangeWhere } from './sql.js';
import { chunked } from './unnest.js';

/** Rows per DELETE statement (the lease is checked between them). */
const DELETE_ROWS = 20_000;

/** NULL-safe counts over a date range (with the guard installed no key repeats: rows only). */
export function keyCounts(ctx: PgContext, range: DateRange): Promise<KeyCounts> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const where = dateRangeWhere(range, params).join(' AND ');
    if (!(await guardInstalled(client)))
      return keyCountsWhere(client, 'prediction_accuracy', where, params);
    const { rows } = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM prediction_accuracy ${where ? `WHERE ${where}` : ''}`,
      params,
    );
    return { rows: Number(rows[0]!.n), uniqueKeys: Number(rows[0]!.n) };
  });
}

async function deleteRefs(client: PoolClient, refs: readonly string[], checkLease?: () => void) {
  let deleted = 0;
  for (const chunk of chunked(refs, DELETE_ROWS)) {
    const result = await client.query(
      'DELETE FROM prediction_accuracy WHERE ctid = ANY($1::tid[])',
      [chunk],
    );
    deleted += result.rowCount ?? 0;
    checkLease?.();
  }
  return deleted;
}

/**
 * Rank the dates' rows, then delete every row but the kept one of each key (set-based; flagged
 * keys by the chooser). `uniqueKeys` is the dates' key count as the window saw it.
 */
async function deleteDuplicates(
  client: PoolClient,
  dates: readonly IsoDate[],
  rows: number,
  req: DedupeDatesRequest,
): Promise<{ removed: number; uniqueKeys: number }> {
  if (dates.length === 0) return { removed: 0, uniqueKeys: 0 };
  const { doomed, flagged } = await rankDoomed(client, dates, req.keep);
  let removed = await deleteRanked(client, flagged > 0);
  await failpoint('dedupe-mid-delete');
  req.checkLease?.();
  if (flagged > 0) {
    const refs = await chooseFlagged(client, req.choose);
    removed += await deleteRefs(client, refs, req.checkLease);
  }
  await dropRanked(client);
  return { removed, uniqueKeys: rows - doomed };
}

async function countRowsOfDates(client: PoolClient, dates: readonly IsoDate[]): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT COUNT(*) AS n FROM prediction_accuracy WHERE game_date = ANY($1::date[])',
    [dates],
  );
  return Number(rows[0]!.n);
}

/** The dates' counts after the delete: with the guard built every key has one row, else counted. */
async function countsAfter(client: PoolClient, dates: readonly IsoDate[], guard: boolean) {
  if (!guard) return keyCountsOfDates(client, dates);
  const rows = await countRowsOfDates(client, dates);
  return { rows, uniqueKeys: rows };
}

/** The range's counts and its dates holding duplicated keys: one GROUP BY over the range (a window when a duplicated key spans dates). */
export function dedupePlan(ctx: PgContext, range: DateRange): Promise<DedupePlan> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [];
    const where = dateRangeWhere(range, params).join(' AND ');
    const spans = await client.query<KeySpan>(keySpanSql(PG_DEDUPE_DIALECT, where), params);
    const plan = planFromSpans(spans.rows);
    if (plan) return plan;
    const perDate = await client.query<DatePlanRow>(datePlanSql(PG_DEDUPE_DIALECT, where), params);
    return planFromDates(perDate.rows);
  });
}

/**
 * Install the guard when it is dropped, by building it: the unique index refuses to build when
 * some key of the whole table repeats (then the build is rolled back to a savepoint). True when
 * the guard is installed at the end.
 */
async function guardAfterClean(client: PoolClient, operationId: string): Promise<boolean> {
  if (await guardInstalled(client)) return true;
  await client.query('SAVEPOINT propgrade_guard');
  try {
    await setGuard(client, true, 'dedupe: the whole table is free of duplicate keys', operationId);
  } catch (err) {
    await client.query('ROLLBACK TO SAVEPOINT propgrade_guard');
    if ((err as { code?: string }).code === '23505') return false;
    throw err;
  }
  await client.query('RELEASE SAVEPOINT propgrade_guard');
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
    const rows = await countRowsOfDates(client, dates);
    if (req.backup && rows !== req.backup.rows) {
      throw new InternalError(
        `the dates hold ${rows} rows but backup ${req.backup.table} holds ${req.backup.rows}: they changed since the backup; rolled back`,
      );
    }
    const { removed, uniqueKeys } = await deleteDuplicates(client, dates, rows, req);
    const before = { rows, uniqueKeys };
    const guard = await guardAfterClean(client, String(req.log.details.operationId ?? ''));
    const after = await countsAfter(client, dates, guard);
    verify(dates, before, after, removed);
    await recomputeDates(client, dates, req.recompute);
    await logEntry(client, req.log, { dates, before, after, removed, guardInstalled: guard });
    req.checkLease?.();
    await failpoint('dedupe-before-commit');
    req.checkLease?.();
    return { before, after, removed, guardInstalled: guard };
  });
}
