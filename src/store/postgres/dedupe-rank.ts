/**
 * The set-based delete of `dedupe` on PostgreSQL. Safe because every statement runs on the
 * caller's client inside its transaction: the ranking goes to a TEMP table ON COMMIT DROP, and a
 * crash or an error before COMMIT rolls the deletes (and the TEMP table) back.
 */
import type { PoolClient, QueryResultRow } from 'pg';
import type { KeepMode } from '../../domain/report.js';
import type { IsoDate } from '../../domain/types.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import { type DedupeDialect, doomedRowsSql, flaggedKeysSql } from '../dedupe-sql.js';
import type { AccuracyRowRef, DeletionChooser } from '../store.js';
import { cursorBatches } from './maintenance-tx.js';
import { columnList, toAccuracyRow } from './rows.js';

/** The PostgreSQL spelling of the keep order: text by code point (COLLATE "C"), NULL-safe `=`. */
export const PG_DEDUPE_DIALECT: DedupeDialect = {
  rowRef: 'ctid',
  text: (column) => `${column} COLLATE "C"`,
  same: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
  nonAscii: (e) => `coalesce(octet_length(${e}) <> char_length(${e}), false)`,
  // graded_at is timestamptz: its order is its instant's.
  oddTimestamp: () => 'false',
};

const DOOMED = 'propgrade_dedupe_doomed';
const FLAGGED_TABLE = 'propgrade_dedupe_flagged';
const FLAGGED = `SELECT first FROM ${FLAGGED_TABLE}`;

/** Rank the dates' rows into TEMP tables of rows to delete and flagged keys; returns their counts. */
export async function rankDoomed(
  client: PoolClient,
  dates: readonly IsoDate[],
  keep: KeepMode,
): Promise<{ doomed: number; flagged: number }> {
  const sql = doomedRowsSql(keep, PG_DEDUPE_DIALECT, 'game_date = ANY($1::date[])');
  const doomed = await client.query(`CREATE TEMP TABLE ${DOOMED} ON COMMIT DROP AS ${sql}`, [
    dates,
  ]);
  const flagged = await client.query(
    `CREATE TEMP TABLE ${FLAGGED_TABLE} ON COMMIT DROP AS ${flaggedKeysSql(PG_DEDUPE_DIALECT, DOOMED)}`,
  );
  return { doomed: doomed.rowCount ?? 0, flagged: flagged.rowCount ?? 0 };
}

/** Delete the ranked rows of every key that is not flagged; returns the count. */
export async function deleteRanked(client: PoolClient, anyFlagged: boolean): Promise<number> {
  const unflagged = anyFlagged ? `WHERE first NOT IN (${FLAGGED})` : '';
  const result = await client.query(
    `DELETE FROM prediction_accuracy WHERE ctid IN (SELECT rid FROM ${DOOMED} ${unflagged})`,
  );
  return result.rowCount ?? 0;
}

/** The chooser's references among every row of the flagged keys, in ctid order. */
export function chooseFlagged(client: PoolClient, choose: DeletionChooser): Promise<string[]> {
  return choose(
    cursorBatches<AccuracyRowRef>(
      client,
      `SELECT ctid::text AS ref, ${columnList(ACCURACY_COLUMNS)} FROM prediction_accuracy
       WHERE ctid IN (SELECT rid FROM ${DOOMED} WHERE first IN (${FLAGGED}))
          OR ctid IN (${FLAGGED})
       ORDER BY ctid`,
      [],
      (r: QueryResultRow) => ({ ref: String(r.ref), row: toAccuracyRow(r) }),
    ),
  );
}

/** Drop the TEMP tables now (they would go at COMMIT anyway). */
export async function dropRanked(client: PoolClient): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${DOOMED}, ${FLAGGED_TABLE}`);
}
