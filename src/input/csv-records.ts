/**
 * CSV records through csv-parse's streaming API: BOM stripped, CRLF or LF line ends (mixed too:
 * they are not guessed from the first line; a lone CR is not a line end), quoted fields, no
 * ragged rows (a row with another number of fields than the header is a problem, and reading
 * goes on), blank lines skipped. The first record is the header.
 */
import { pipeline, type Readable } from 'node:stream';
import { CsvError, type InfoRecord, type Options, parse } from 'csv-parse';
import { LineIndex } from './line-index.js';
import { fieldError, lineError } from './problems.js';
import type { FormatContext, InputRecord } from './records.js';
import type { TextGuard } from './text-guard.js';

interface CsvRow {
  line: number;
  values: string[];
}

interface CsvHeader {
  line: number;
  columns: [index: number, name: string][];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Number of LF characters in `values` (line breaks inside quoted fields). */
function lineBreaksIn(values: unknown): number {
  if (!Array.isArray(values)) return 0;
  let breaks = 0;
  for (const value of values) {
    if (typeof value === 'string' && value.includes('\n')) breaks += value.split('\n').length - 1;
  }
  return breaks;
}

/**
 * The line where a record starts, from the byte offset just past its end (csv-parse's `bytes`):
 * the line of its last byte, less the line breaks inside its quoted fields. csv-parse's own
 * line count is not used: it counts a CR and an LF inside a quoted field as two lines.
 */
function startLine(index: LineIndex, endBytes: number, values: unknown): number {
  return index.lineOf(Math.max(endBytes - 1, 0)) - lineBreaksIn(values);
}

const CSV_ERROR_TEXT: Readonly<Record<string, string>> = {
  CSV_INVALID_CLOSING_QUOTE: 'malformed CSV: a quote inside a quoted field must be doubled ("")',
  CSV_QUOTE_NOT_CLOSED: 'malformed CSV: a quoted field is never closed',
  INVALID_OPENING_QUOTE: 'malformed CSV: a quote inside an unquoted field',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'malformed CSV: text after a closing quote',
  CSV_MAX_RECORD_SIZE: 'malformed CSV: a record longer than 128,000 characters',
};

/**
 * The problem of a record csv-parse refused, at its line. For a ragged row `bytes` is just past
 * the record; for a quoting problem it is inside the record, at or before the bad quote.
 */
function csvProblem(file: string, err: CsvError, state: ParseState) {
  const bytes = typeof err['bytes'] === 'number' ? err['bytes'] : 0;
  const record = err['record'];
  if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(record)) {
    const text = `ragged row: ${plural(record.length, 'field')} where the header has ${state.headerFields}`;
    return lineError(file, startLine(state.lines, bytes, record), text);
  }
  const text = CSV_ERROR_TEXT[err.code] ?? `malformed CSV (${err.code})`;
  return lineError(file, state.lines.lineOf(bytes), text);
}

function requireColumns(names: readonly string[], row: CsvRow, context: FormatContext): void {
  const missing = context.schema.required.filter((name) => !names.includes(name));
  if (missing.length === 0) return;
  const also = missing.length > 1 ? ` (also missing: ${missing.slice(1).join(', ')})` : '';
  const what = `required column is missing from the header${also}`;
  throw fieldError(context.file, row.line, missing[0]!, what);
}

function warnAboutColumns(names: readonly string[], unknown: string[], context: FormatContext) {
  const { file, schema } = context;
  if (unknown.length > 0) context.warn(`${file}: ignored unknown columns: ${unknown.join(', ')}`);
  for (const name of schema.warnWhenAbsent ?? []) {
    if (!names.includes(name))
      context.warn(`${file}: no "${name}" column: it is NULL on every row`);
  }
}

function readHeader(row: CsvRow, context: FormatContext): CsvHeader {
  const names = row.values.map((name) => name.trim());
  requireColumns(names, row, context);
  const known = new Set([...context.schema.required, ...context.schema.optional]);
  const columns: [number, string][] = [];
  const unknown: string[] = [];
  for (const [index, name] of names.entries()) {
    if (columns.some(([, seen]) => seen === name)) {
      throw fieldError(context.file, row.line, name, 'column appears twice in the header');
    }
    if (known.has(name)) columns.push([index, name]);
    else unknown.push(name === '' ? `(unnamed column ${index + 1})` : JSON.stringify(name));
  }
  warnAboutColumns(names, unknown, context);
  return { line: row.line, columns };
}

function toRecord(header: CsvHeader, row: CsvRow): InputRecord {
  const fields: Record<string, string> = {};
  for (const [index, name] of header.columns) fields[name] = row.values[index]!;
  return { line: row.line, fields };
}

interface ParseState {
  lines: LineIndex;
  headerFields: number;
}

function csvParser(context: FormatContext, state: ParseState) {
  const options: Options<CsvRow, string[]> = {
    bom: true,
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (values: string[], info: InfoRecord) => {
      if (state.headerFields === 0) state.headerFields = values.length;
      return { line: startLine(state.lines, info.bytes, values), values };
    },
    on_skip: (err) => {
      if (err) context.problems.add(csvProblem(context.file, err, state));
    },
  };
  // parse() is generic only in its `columns` overloads; the records here are CsvRow objects.
  return parse(options as unknown as Options);
}

/** The records of a CSV byte stream (after its header). */
export async function* readCsvRecords(
  bytes: Readable,
  guard: TextGuard,
  context: FormatContext,
): AsyncGenerator<InputRecord> {
  const state: ParseState = { lines: new LineIndex(), headerFields: 0 };
  guard.observe((chunk, offset) => state.lines.scan(chunk, offset));
  const rows = pipeline(bytes, guard, csvParser(context, state), () => {});
  let header: CsvHeader | null = null;
  let dataRows = 0;
  try {
    for await (const row of rows as AsyncIterable<CsvRow>) {
      if (header === null) header = readHeader(row, context);
      else {
        dataRows += 1;
        yield toRecord(header, row);
      }
    }
  } catch (err) {
    throw err instanceof CsvError ? csvProblem(context.file, err, state) : err;
  }
  if (context.problems.count > 0) return;
  if (header === null) throw lineError(context.file, 1, 'empty file: no header and no data rows');
  if (dataRows === 0) {
    throw lineError(context.file, header.line + 1, 'no data rows: the file has only a header');
  }
}
