/**
 * Strict field parsers. CSV gives text, which is parsed (an empty field is NULL, never 0); JSONL
 * gives JSON values, whose types must already be right (a number given as the string "12" is
 * bad input, and so is a text field given as a number). A parser returns null for an absent
 * value and throws {@link FieldProblem} for a bad one; {@link FieldReader} adds file, line and
 * field.
 *
 * Numbers follow `-?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?`: a leading `.5` is accepted (spreadsheet
 * exports write it), while `5.`, `+5`, `1,5`, `0x1A`, `Infinity`, `NaN` and `1_000` are not.
 * Surrounding spaces are ignored.
 */

import type { IsoDate, IsoTimestamp } from '../domain/types.js';
import { isIsoDate, parseTimestamp as parseIsoTimestamp } from '../util/dates.js';
import type { InputFormat } from './format.js';
import type { FieldValue } from './records.js';

/** A bad field value: what is wrong, and the value as given. */
export class FieldProblem extends Error {
  override name = 'FieldProblem';
  constructor(
    readonly what: string,
    readonly value: unknown,
  ) {
    super(what);
  }
}

const DECIMAL = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_WORDS = ['true', '1', 't', 'yes'] as const;
const FALSE_WORDS = ['false', '0', 'f', 'no'] as const;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Text of `value` trimmed; null when absent or blank. JSONL must give a string. */
export function parseText(value: FieldValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new FieldProblem(`expected text, got a ${typeName(value)}`, value);
  }
  const text = value.trim();
  return text === '' ? null : text;
}

/** A finite number by the strict decimal pattern (CSV) or a JSON number (JSONL); null when absent. */
export function parseNumber(value: FieldValue | undefined, format: InputFormat): number | null {
  if (value === undefined || value === null) return null;
  if (format === 'jsonl' && typeof value !== 'number') {
    throw new FieldProblem(`expected a JSON number, got a ${typeName(value)}`, value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FieldProblem('number out of range', value);
    return value;
  }
  const text = String(value).trim();
  if (text === '') return null;
  if (!DECIMAL.test(text)) throw new FieldProblem('not a decimal number', value);
  const parsed = Number(text);
  if (!Number.isFinite(parsed)) throw new FieldProblem('number out of range', value);
  return parsed;
}

/** A whole number (a decimal like `12.0` counts); null when absent. */
export function parseInteger(value: FieldValue | undefined, format: InputFormat): number | null {
  const parsed = parseNumber(value, format);
  if (parsed !== null && !Number.isSafeInteger(parsed)) {
    throw new FieldProblem('not a whole number', value);
  }
  return parsed;
}

/** A boolean: true/false/1/0/t/f/yes/no in any case (CSV) or a JSON boolean (JSONL). */
export function parseBoolean(value: FieldValue | undefined, format: InputFormat): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (format === 'jsonl') {
    throw new FieldProblem(`expected a JSON boolean, got a ${typeName(value)}`, value);
  }
  const word = String(value).trim().toLowerCase();
  if (word === '') return null;
  if ((TRUE_WORDS as readonly string[]).includes(word)) return true;
  if ((FALSE_WORDS as readonly string[]).includes(word)) return false;
  throw new FieldProblem('not a boolean (true/false, 1/0, t/f, yes/no)', value);
}

/**
 * `check` with a memory of its last valid input: files repeat the same date or timestamp on
 * row after row, and calendar checks are the costliest part of a row.
 */
function rememberLast<T>(check: (text: string) => T): (text: string) => T {
  let lastText: string | null = null;
  let lastResult: T;
  return (text) => {
    if (text === lastText) return lastResult;
    const result = check(text);
    lastText = text;
    lastResult = result;
    return result;
  };
}

const SPACE_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) UTC$/;

/**
 * util/dates parseTimestamp, with `YYYY-MM-DD HH:MM:SS[.fff] UTC` (SPEC 2) rewritten to its `Z`
 * form first: that parser refuses it because "UTC" itself contains the letter T.
 */
function parseZonedTimestamp(text: string): IsoTimestamp | null {
  return parseIsoTimestamp(text.replace(SPACE_UTC, '$1T$2Z'));
}

const checkDate = rememberLast((text: string) => isIsoDate(text));
const checkTimestamp = rememberLast(parseZonedTimestamp);

/** A real `YYYY-MM-DD` calendar date; null when absent. */
export function parseDate(value: FieldValue | undefined): IsoDate | null {
  const text = parseText(value);
  if (text !== null && !checkDate(text)) {
    throw new FieldProblem('not a real calendar date YYYY-MM-DD', value);
  }
  return text;
}

/** An ISO 8601 timestamp with a zone, as a UTC millisecond ISO string; null when absent. */
export function parseTimestamp(value: FieldValue | undefined): IsoTimestamp | null {
  const text = parseText(value);
  if (text === null) return null;
  const parsed = checkTimestamp(text);
  if (parsed !== null) return parsed;
  if (parseZonedTimestamp(`${text}Z`) !== null) {
    throw new FieldProblem('timestamp without a time zone (add Z or an offset like +00:00)', value);
  }
  throw new FieldProblem('not an ISO 8601 timestamp with a time zone', value);
}

/** One of `allowed`, matched without regard to case and returned as spelled in `allowed`. */
export function parseChoice<T extends string>(
  value: FieldValue | undefined,
  allowed: readonly T[],
): T | null {
  const text = parseText(value);
  if (text === null) return null;
  const found = allowed.find((choice) => choice.toLowerCase() === text.toLowerCase());
  if (found === undefined) throw new FieldProblem(`not one of ${allowed.join(', ')}`, value);
  return found;
}
