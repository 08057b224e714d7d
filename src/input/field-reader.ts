/**
 * Reads the typed fields of one record, turning every problem into an InputError that names the
 * file, the record's line and the field.
 */
import type { IsoDate, IsoTimestamp } from '../domain/types.js';
import type { InputError } from '../errors.js';
import {
  FieldProblem,
  parseBoolean,
  parseChoice,
  parseDate,
  parseInteger,
  parseNumber,
  parseText,
  parseTimestamp,
} from './fields.js';
import type { InputFormat } from './format.js';
import { fieldError } from './problems.js';
import type { FieldValue, InputRecord } from './records.js';

/** Inclusive bounds of a number field. */
export interface NumberRange {
  min?: number;
  max?: number;
}

/** Typed access to one record's fields; every method throws InputError on a bad value. */
export class FieldReader {
  constructor(
    readonly file: string,
    readonly format: InputFormat,
    readonly record: InputRecord,
  ) {}

  /** The InputError for `field` of this record. */
  problem(field: string, what: string, value?: unknown): InputError {
    return fieldError(this.file, this.record.line, field, what, value);
  }

  /** `value`, or an InputError when it is null (the field is required). */
  required<T>(field: string, value: T | null): T {
    if (value !== null) return value;
    const raw = this.raw(field);
    throw this.problem(field, 'required value is missing', raw === undefined ? undefined : raw);
  }

  /** Trimmed text, null when absent or blank. */
  text(field: string): string | null {
    return this.read(field, parseText);
  }

  /** A number within `range`, null when absent. */
  number(field: string, range: NumberRange = {}): number | null {
    return this.inRange(
      field,
      this.read(field, (v) => parseNumber(v, this.format)),
      range,
    );
  }

  /** A whole number within `range`, null when absent. */
  integer(field: string, range: NumberRange = {}): number | null {
    return this.inRange(
      field,
      this.read(field, (v) => parseInteger(v, this.format)),
      range,
    );
  }

  /** A boolean, `fallback` when absent. */
  boolean(field: string, fallback: boolean | null = null): boolean | null {
    return this.read(field, (v) => parseBoolean(v, this.format)) ?? fallback;
  }

  /** A calendar date, null when absent. */
  date(field: string): IsoDate | null {
    return this.read(field, parseDate);
  }

  /** A timestamp with a zone (as UTC), null when absent. */
  timestamp(field: string): IsoTimestamp | null {
    return this.read(field, parseTimestamp);
  }

  /** One of `allowed` (any case in, `allowed`'s spelling out), null when absent. */
  choice<T extends string>(field: string, allowed: readonly T[]): T | null {
    return this.read(field, (v) => parseChoice(v, allowed));
  }

  /** The value of `field` as read, undefined when the record lacks it. */
  raw(field: string): FieldValue | undefined {
    return this.record.fields[field];
  }

  private read<T>(field: string, parse: (value: FieldValue | undefined) => T | null): T | null {
    try {
      return parse(this.raw(field));
    } catch (err) {
      if (err instanceof FieldProblem) throw this.problem(field, err.what, err.value);
      throw err;
    }
  }

  private inRange(field: string, value: number | null, range: NumberRange): number | null {
    if (value === null) return null;
    const { min, max } = range;
    const outside = (min !== undefined && value < min) || (max !== undefined && value > max);
    if (outside) throw this.problem(field, rangeText(range), this.raw(field));
    return value;
  }
}

function rangeText({ min, max }: NumberRange): string {
  if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}`;
  return min !== undefined ? `must be at least ${min}` : `must be at most ${max}`;
}
