/**
 * COPY of graded rows into prediction_accuracy (CSV: NULL is an unquoted empty field, text is
 * always quoted), streamed in pieces so that memory stays bounded by one piece.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { GradedRow, IsoTimestamp } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import { columnList } from './rows.js';

/** What the store stamps on every row of one write. */
export interface WriteStamp {
  gradedAt: IsoTimestamp;
  runId: string;
  fenceToken: number;
}

/** Rows per piece handed to the COPY stream. */
const ROWS_PER_PIECE = 500;

const COPY_SQL = `COPY prediction_accuracy (${columnList(ACCURACY_COLUMNS)}) FROM STDIN WITH (FORMAT csv)`;

/** One CSV field: NULL unquoted empty, text quoted, booleans t/f, finite numbers as JS prints them. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    return value.includes('"') ? `"${value.replace(/"/g, '""')}"` : `"${value}"`;
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new InternalError(`cannot write ${String(value)} to prediction_accuracy`);
}

/** The CSV line of a graded row with the write's stamp, in ACCURACY_COLUMNS order. */
export function csvLine(row: GradedRow, stamp: WriteStamp): string {
  return csvLineWriter(stamp)(row);
}

/**
 * A serialiser of graded rows for one write, in ACCURACY_COLUMNS order (a test holds it equal to
 * the column-spec encoding): the stamp's columns are encoded once, the row's fields are read
 * directly without an intermediate object or array per row.
 */
export function csvLineWriter(stamp: WriteStamp): (row: GradedRow) => string {
  const tail = `${csvField(stamp.gradedAt)},${csvField(stamp.runId)},${csvField(stamp.fenceToken)}\n`;
  const f = csvField;
  return (r) =>
    `${f(r.playerLookup)},${f(r.gameId)},${f(r.systemId)},${f(r.lineValue)},${f(r.gameDate)},` +
    `${f(r.predictionId)},${f(r.teamAbbr)},${f(r.opponentTeamAbbr)},${f(r.predictedPoints)},` +
    `${f(r.confidenceScore)},${f(r.confidenceDecile)},${f(r.recommendation)},` +
    `${f(r.actualPoints)},${f(r.minutesPlayed)},${f(r.absoluteError)},${f(r.signedError)},` +
    `${f(r.predictionCorrect)},${f(r.predictedMargin)},${f(r.actualMargin)},` +
    `${f(r.within3Points)},${f(r.within5Points)},${f(r.isVoided)},${f(r.voidReason)},` +
    `${f(r.modelVersion)},${f(r.oddsAmerican)},${f(r.profitUnits)},${tail}`;
}

function* csvPieces(rows: readonly GradedRow[], stamp: WriteStamp): Generator<string> {
  const lineOf = csvLineWriter(stamp);
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE) {
    const end = Math.min(start + ROWS_PER_PIECE, rows.length);
    let piece = '';
    for (let i = start; i < end; i++) piece += lineOf(rows[i]!);
    yield piece;
  }
}

/** COPY `rows` in; returns the number of rows the server stored. */
export async function copyAccuracyRows(
  client: PoolClient,
  rows: readonly GradedRow[],
  stamp: WriteStamp,
): Promise<number> {
  if (rows.length === 0) return 0;
  const sink = client.query(copyFrom(COPY_SQL));
  await pipeline(Readable.from(csvPieces(rows, stamp)), sink);
  return sink.rowCount;
}
