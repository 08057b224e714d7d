/**
 * JSONL (NDJSON) records: one JSON object per line, LF or CRLF, blank lines skipped, a UTF-8 BOM
 * on the first line ignored. A line that is not a JSON object is a problem and reading goes on.
 */
import { pipeline, type Readable } from 'node:stream';
import { fieldError, lineError } from './problems.js';
import type { FieldValue, FormatContext, InputRecord } from './records.js';
import type { TextGuard } from './text-guard.js';

const NEWLINE = 0x0a;
const LISTED_UNKNOWN_FIELDS = 20;

interface TextLine {
  line: number;
  text: string;
}

/**
 * The lines of a byte stream, with their 1-based numbers, without line ends. A line split over
 * chunks is joined once, when its end is found, so a long line costs no more than a short one.
 */
async function* splitLines(bytes: AsyncIterable<Buffer>): AsyncGenerator<TextLine> {
  let parts: Buffer[] = [];
  let line = 0;
  for await (const chunk of bytes) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      parts.push(chunk.subarray(start, end));
      line += 1;
      yield { line, text: decodeLine(parts, line) };
      parts = [];
      start = end + 1;
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  }
  if (parts.length > 0) yield { line: line + 1, text: decodeLine(parts, line + 1) };
}

function decodeLine(parts: readonly Buffer[], line: number): string {
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const stop =
    bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
  const text = bytes.toString('utf8', 0, stop);
  return line === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function isScalar(value: unknown): value is FieldValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function parseObject(line: TextLine, context: FormatContext): Record<string, unknown> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.text);
  } catch {
    context.problems.add(lineError(context.file, line.line, 'not valid JSON', line.text));
    return null;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return parsed as Record<string, unknown>;
  }
  context.problems.add(
    lineError(context.file, line.line, 'a line must be a JSON object', line.text),
  );
  return null;
}

function toRecord(
  line: TextLine,
  object: Record<string, unknown>,
  context: FormatContext,
  columns: { known: ReadonlySet<string>; unknown: Set<string> },
): InputRecord | null {
  const { known, unknown } = columns;
  const fields: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(object)) {
    if (!known.has(name)) unknown.add(name);
    else if (isScalar(value)) fields[name] = value;
    else {
      const what = 'expected a single value, not an object or array';
      context.problems.add(fieldError(context.file, line.line, name, what, value));
      return null;
    }
  }
  return { line: line.line, fields };
}

function unknownFieldsWarning(file: string, unknown: Set<string>): string {
  const names = [...unknown].slice(0, LISTED_UNKNOWN_FIELDS).map((n) => JSON.stringify(n));
  const more = unknown.size > names.length ? ` and ${unknown.size - names.length} more` : '';
  return `${file}: ignored unknown fields: ${names.join(', ')}${more}`;
}

/** The records of a JSONL byte stream. */
export async function* readJsonlRecords(
  bytes: Readable,
  guard: TextGuard,
  context: FormatContext,
): AsyncGenerator<InputRecord> {
  const known = new Set([...context.schema.required, ...context.schema.optional]);
  const unknown = new Set<string>();
  let records = 0;
  const text = pipeline(bytes, guard, () => {});
  for await (const line of splitLines(text as AsyncIterable<Buffer>)) {
    if (line.text.trim() === '') continue;
    records += 1;
    const object = parseObject(line, context);
    const record = object && toRecord(line, object, context, { known, unknown });
    if (record) yield record;
  }
  if (unknown.size > 0) context.warn(unknownFieldsWarning(context.file, unknown));
  if (records === 0) throw lineError(context.file, 1, 'empty file: no records');
}
