/**
 * How input problems are worded and collected. Every message starts with `<file>:<line>:` and,
 * for a field, `field "<name>":`; a value is shown truncated to 40 characters and never more
 * than the offending value. Reading goes on after a row problem so one run reports the first
 * problems of the whole file (in line order), not only the first one.
 */
import { InputError } from '../errors.js';

const SHOWN_VALUE_CHARS = 40;
const DEFAULT_PROBLEM_LIMIT = 20;

/** `value` as shown in a message: JSON-quoted, at most 40 characters of it. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  return truncate(JSON.stringify(value) ?? String(value));
}

function truncate(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SHOWN_VALUE_CHARS
    ? text
    : `${chars.slice(0, SHOWN_VALUE_CHARS).join('')}…`;
}

function gotSuffix(value: unknown): string {
  return value === undefined ? '' : ` (got ${showValue(value)})`;
}

/** A problem with one field of one record. Pass `value` to show it; omit it to show nothing. */
export function fieldError(
  file: string,
  line: number,
  field: string,
  what: string,
  value?: unknown,
): InputError {
  return new InputError(`${file}:${line}: field "${field}": ${what}${gotSuffix(value)}`, {
    file,
    line,
    field,
  });
}

/** A problem with a whole line (not one field). */
export function lineError(file: string, line: number, what: string, value?: unknown): InputError {
  return new InputError(`${file}:${line}: ${what}${gotSuffix(value)}`, { file, line });
}

/** A problem with the file as a whole (missing, unreadable, wrong format). */
export function fileError(file: string, what: string, cause?: unknown): InputError {
  return new InputError(`${file}: ${what}`, { file }, cause === undefined ? undefined : { cause });
}

/**
 * The problems found in one file. Keeps the `limit` problems with the lowest line numbers (a
 * parser running ahead of validation may report a later line first) and counts the rest.
 */
export class InputProblems {
  private kept: InputError[] = [];
  private total = 0;

  constructor(private readonly limit = DEFAULT_PROBLEM_LIMIT) {}

  /** Number of problems seen so far. */
  get count(): number {
    return this.total;
  }

  /** Record one problem. */
  add(problem: InputError): void {
    this.total += 1;
    this.kept.push(problem);
    if (this.kept.length >= this.limit * 2) this.kept = this.sorted();
  }

  /** Record a problem after which reading cannot go on, and return the error to throw. */
  fatal(problem: InputError): InputError {
    this.add(problem);
    return this.toError();
  }

  /** Throw when any problem was recorded. */
  throwIfAny(): void {
    if (this.total > 0) throw this.toError();
  }

  /**
   * One InputError for everything: the first problem's message and `where`, followed by the
   * next problems one per line and the number of those not shown.
   */
  toError(): InputError {
    const shown = this.sorted();
    const first = shown[0];
    if (!first) throw new RangeError('no input problems recorded');
    const more = shown.slice(1).map((p) => p.message);
    const hidden = this.total - shown.length;
    if (hidden > 0) more.push(`… and ${hidden} more problems`);
    if (more.length === 0) return first;
    const message = [first.message, ...more].join('\n');
    return new InputError(message, first.where, { cause: first });
  }

  private sorted(): InputError[] {
    const byLine = (e: InputError) => e.where.line ?? 0;
    return [...this.kept].sort((a, b) => byLine(a) - byLine(b)).slice(0, this.limit);
  }
}
