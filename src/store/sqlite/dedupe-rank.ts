/**
 * The set-based delete of `dedupe` on SQLite. Safe because every statement here runs inside the
 * caller's BEGIN IMMEDIATE transaction: the ranking goes to a TEMP table (created and dropped in
 * that transaction), and a crash or an error before COMMIT leaves the table as it was.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { KeepMode } from '../../domain/report.js';
import type { AccuracyRow, IsoDate } from '../../domain/types.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import { type DedupeDialect, doomedRowsSql, flaggedKeysSql } from '../dedupe-sql.js';
import type { AccuracyRowRef, DeletionChooser } from '../store.js';
import type { Db } from './connection.js';
import { decodeRow } from './encode.js';
import { PAGE_ROWS, placeholders } from './maintenance-tx.js';

/** The SQLite spelling of the keep order (BINARY text order is byte order). */
export const SQLITE_DEDUPE_DIALECT: DedupeDialect = {
  rowRef: 'rowid',
  text: (column) => column,
  same: (a, b) => `${a} IS ${b}`,
  nonAscii: (e) => `coalesce(length(CAST(${e} AS BLOB)) <> length(${e}), 0)`,
  // graded_at is stored as `YYYY-MM-DDTHH:MM:SS.sssZ` (24 characters), whose text order is time order.
  oddTimestamp: (e) => `coalesce(length(${e}) <> 24, 0)`,
};

const DOOMED = 'temp.propgrade_dedupe_doomed';
const FLAGGED_TABLE = 'temp.propgrade_dedupe_flagged';
const FLAGGED = `SELECT first FROM ${FLAGGED_TABLE}`;

/** Rank the dates' rows into TEMP tables of rows to delete and flagged keys; returns the doomed and flagged counts. */
export function rankDoomed(
  db: Db,
  dates: readonly IsoDate[],
  keep: KeepMode,
): { doomed: number; flagged: number } {
  dropRanked(db);
  const where = `game_date IN ${placeholders(dates)}`;
  db.prepare(`CREATE TABLE ${DOOMED} AS ${doomedRowsSql(keep, SQLITE_DEDUPE_DIALECT, where)}`).run(
    ...dates,
  );
  db.exec(`CREATE TABLE ${FLAGGED_TABLE} AS ${flaggedKeysSql(SQLITE_DEDUPE_DIALECT, DOOMED)}`);
  // CREATE TABLE AS reports no changes on SQLite: count.
  const count = (table: string) =>
    Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
  const doomed = count(DOOMED);
  const flagged = count(FLAGGED_TABLE);
  return { doomed, flagged };
}

/** Delete the ranked rows of every key that is not flagged; returns the count. */
export function deleteRanked(db: Db, anyFlagged: boolean): number {
  const unflagged = anyFlagged ? `WHERE first NOT IN (${FLAGGED})` : '';
  return db
    .prepare(
      `DELETE FROM prediction_accuracy WHERE rowid IN (SELECT rid FROM ${DOOMED} ${unflagged})`,
    )
    .run().changes;
}

/** Every row of the flagged keys, in rowid order (the domain's "seen first"). */
async function* flaggedPages(db: Db): AsyncGenerator<AccuracyRowRef[]> {
  const page = db.prepare(
    `SELECT rowid AS _rowid, * FROM prediction_accuracy
     WHERE (rowid IN (SELECT rid FROM ${DOOMED} WHERE first IN (${FLAGGED})) OR rowid IN (${FLAGGED}))
       AND rowid > ? ORDER BY rowid LIMIT ?`,
  );
  for (let after = 0; ; ) {
    const rows = page.all(after, PAGE_ROWS) as Record<string, unknown>[];
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!._rowid);
    yield rows.map((r) => ({
      ref: String(r._rowid),
      row: decodeRow<AccuracyRow>(r, ACCURACY_COLUMNS),
    }));
    await yieldLoop();
  }
}

/** The chooser's references among the flagged keys' rows. */
export function chooseFlagged(db: Db, choose: DeletionChooser): Promise<string[]> {
  return choose(flaggedPages(db));
}

/** Drop the TEMP tables. */
export function dropRanked(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS ${DOOMED}; DROP TABLE IF EXISTS ${FLAGGED_TABLE}`);
}
