/**
 * The record reader: one streaming pass over a CSV or JSONL file that yields each record with
 * the 1-based line where it starts, checks the columns against a schema, hashes the bytes and
 * refuses files that are not UTF-8 text.
 */
import { InputError } from '../errors.js';
import { readCsvRecords } from './csv-records.js';
import type { InputFormat } from './format.js';
import { readJsonlRecords } from './jsonl-records.js';
import { fileError, type InputProblems } from './problems.js';
import { describeFsError, isFsError, notTextInputError, openInputStream } from './source.js';
import { NotTextError, TextGuard } from './text-guard.js';

/** A field value as read: CSV gives strings; JSONL gives JSON scalars. */
export type FieldValue = string | number | boolean | null;

/** One record and the 1-based line where it starts. Only the schema's columns are in `fields`. */
export interface InputRecord {
  line: number;
  fields: Record<string, FieldValue>;
}

/**
 * The columns a file kind knows. A CSV header must hold every required column; a CSV header
 * without a `warnWhenAbsent` column is read (its values are all NULL) with a warning, since a
 * misspelt header would otherwise quietly void a whole file.
 */
export interface RecordSchema {
  required: readonly string[];
  optional: readonly string[];
  warnWhenAbsent?: readonly string[];
}

/** What a format reader needs besides the bytes. */
export interface FormatContext {
  file: string;
  schema: RecordSchema;
  problems: InputProblems;
  warn(message: string): void;
}

/**
 * Reads one file as records. Recoverable problems (a bad row) go to `problems` and reading goes
 * on; problems that stop reading are thrown as InputError (together with those found before).
 */
export class RecordReader {
  /** Warnings found while reading (for example the unknown columns, named once). */
  readonly warnings: string[] = [];
  private guard: TextGuard | null = null;
  private yielded = 0;

  constructor(
    readonly file: string,
    readonly format: InputFormat,
    readonly schema: RecordSchema,
    readonly problems: InputProblems,
  ) {}

  /** Number of records yielded so far. */
  get rowsRead(): number {
    return this.yielded;
  }

  /** SHA-256 (hex) of the file's bytes; available after `records()` has finished. */
  get sha256(): string {
    if (!this.guard) throw new Error('RecordReader: records() has not run');
    return this.guard.sha256;
  }

  /** The records of the file, in order. */
  async *records(): AsyncGenerator<InputRecord> {
    const bytes = await openInputStream(this.file);
    this.guard = new TextGuard();
    const context: FormatContext = {
      file: this.file,
      schema: this.schema,
      problems: this.problems,
      warn: (message) => this.warnings.push(message),
    };
    const read = this.format === 'csv' ? readCsvRecords : readJsonlRecords;
    try {
      for await (const record of read(bytes, this.guard, context)) {
        this.yielded += 1;
        yield record;
      }
    } catch (err) {
      throw this.problems.fatal(await this.asInputError(err));
    }
  }

  private async asInputError(err: unknown): Promise<InputError> {
    if (err instanceof InputError) return err;
    if (err instanceof NotTextError) return notTextInputError(this.file, err);
    if (isFsError(err))
      return fileError(this.file, `cannot read input file: ${describeFsError(err)}`, err);
    throw err;
  }
}
