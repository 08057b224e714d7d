/**
 * `export accuracy [--from D --to D] [--format csv|jsonl] [--out FILE]`: graded rows with the
 * prediction_accuracy column names, in the store's stream order, round-trippable through
 * `import accuracy`. CSV: a header, NULL as an empty field, booleans `true`/`false`, numbers as
 * JavaScript prints them (shortest text that reads back to the same double), text quoted when it
 * holds a comma, quote or line break. JSONL: one object per row, typed values, NULL as null. A
 * file is written beside its target and renamed into place only when complete.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { AccuracyRow } from '../domain/types.js';
import { InputError } from '../errors.js';
import type { InputFormat } from '../input/format.js';
import { ACCURACY_COLUMNS, fieldOf } from '../store/columns.js';
import type { DateRange, Store } from '../store/store.js';

export interface ExportOptions extends DateRange {
  format: InputFormat;
}

/** What an export wrote. */
export interface ExportReport {
  rows: number;
  format: InputFormat;
  file: string | null;
}

/** The CSV header line. */
export const CSV_HEADER = `${ACCURACY_COLUMNS.map((c) => c.column).join(',')}\n`;

/** One CSV field. */
export function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row as a CSV line. */
export function csvLine(row: AccuracyRow): string {
  return `${ACCURACY_COLUMNS.map((spec) => csvValue(fieldOf(row, spec))).join(',')}\n`;
}

/** One row as a JSONL line. */
export function jsonLine(row: AccuracyRow): string {
  const object: Record<string, unknown> = {};
  for (const spec of ACCURACY_COLUMNS) object[spec.column] = fieldOf(row, spec) ?? null;
  return `${JSON.stringify(object)}\n`;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Stream the range's rows to `out`; returns the number of rows written. */
export async function exportAccuracy(
  store: Store,
  out: Writable,
  opts: ExportOptions,
): Promise<number> {
  const line = opts.format === 'csv' ? csvLine : jsonLine;
  if (opts.format === 'csv') await write(out, CSV_HEADER);
  let rows = 0;
  for await (const batch of store.streamAccuracy({ from: opts.from, to: opts.to })) {
    await write(out, batch.map(line).join(''));
    rows += batch.length;
  }
  return rows;
}

/** Export to a file: written to `<file>.partial`, renamed into place when complete. */
export async function exportToFile(
  store: Store,
  file: string,
  opts: ExportOptions,
): Promise<ExportReport> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  try {
    await once(out, 'open');
  } catch (err) {
    throw new InputError(`cannot write ${file}: ${(err as Error).message}`, { field: '--out' });
  }
  try {
    const rows = await exportAccuracy(store, out, opts);
    out.end();
    await once(out, 'finish');
    await rename(partial, file);
    return { rows, format: opts.format, file };
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}
