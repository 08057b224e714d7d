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
 * A serialiser of graded rows for one write: the stamp's columns are encoded once, the row's
 * fields are read by name without building an intermediate object or array per row.
 */
export function csvLineWriter(stamp: WriteStamp): (row: GradedRow) => string {
  const parts = ACCURACY_COLUMNS.map((spec) =>
    Object.hasOwn(stamp, spec.field)
      ? { field: null, text: csvField(fieldOf(stamp, spec)) }
      : { field: spec.field, text: '' },
  );
  return (row) => {
    const source = row as unknown as Record<string, unknown>;
    let line = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i > 0) line += ',';
      line += part.field === null ? part.text : csvField(source[part.field]);
    }
    return `${line}\n`;
  };
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
