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
import { ACCURACY_COLUMNS, fieldOf } from '../columns.js';
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
  if (typeof value === 'string') return `"${value.replace(/"/g, '""')}"`;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new InternalError(`cannot write ${String(value)} to prediction_accuracy`);
}

/** The CSV line of a graded row with the write's stamp, in ACCURACY_COLUMNS order. */
export function csvLine(row: GradedRow, stamp: WriteStamp): string {
  const stamped = { ...row, ...stamp };
  return `${ACCURACY_COLUMNS.map((spec) => csvField(fieldOf(stamped, spec))).join(',')}\n`;
}

function* csvPieces(rows: readonly GradedRow[], stamp: WriteStamp): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    let piece = '';
    for (const row of rows.slice(i, i + ROWS_PER_PIECE)) {
      piece += csvLine(row, stamp);
    }
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
