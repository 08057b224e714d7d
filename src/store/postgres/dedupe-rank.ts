/**
 * The set-based delete of `dedupe` on PostgreSQL. Safe because every statement runs on the
 * caller's client inside its transaction: the ranking goes to a TEMP table ON COMMIT DROP, and a
 * crash or an error before COMMIT rolls the deletes (and the TEMP table) back.
 */
import type { PoolClient, QueryResultRow } from 'pg';
import type { KeepMode } from '../../domain/report.js';
import type { IsoDate } from '../../domain/types.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import { type DedupeDialect, doomedRowsSql } from '../dedupe-sql.js';
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
const FLAGGED = `SELECT first FROM ${DOOMED} WHERE flag`;

/** Rank the dates' rows into the TEMP table of rows to delete; returns how many are flagged. */
export async function rankDoomed(
  client: PoolClient,
  dates: readonly IsoDate[],
  keep: KeepMode,
): Promise<number> {
  const sql = doomedRowsSql(keep, PG_DEDUPE_DIALECT, 'game_date = ANY($1::date[])');
  await client.query(`CREATE TEMP TABLE ${DOOMED} ON COMMIT DROP AS ${sql}`, [dates]);
  const { rows } = await client.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM ${DOOMED} WHERE flag`,
  );
  return Number(rows[0]!.n);
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

/** Drop the TEMP table now (it would go at COMMIT anyway). */
export async function dropRanked(client: PoolClient): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${DOOMED}`);
}
