/** The validation loop shared by every file kind: read, build, check against earlier rows. */
import { InputError } from '../errors.js';
import { FieldReader } from './field-reader.js';
import { detectFormat, type InputFormat } from './format.js';
import { InputProblems } from './problems.js';
import { RecordReader, type RecordSchema } from './records.js';

/** Options of the file readers. */
export interface ReadInputOptions {
  /** Format for a file whose extension is not .csv, .jsonl or .ndjson. */
  format?: InputFormat;
}

/** How one file kind turns a record into a value and checks it against the rows before it. */
export interface RowRules<T> {
  schema: RecordSchema;
  /** The value of one record; throws InputError naming the first bad field. */
  build(fields: FieldReader): T;
  /** Take a valid row; returns the problem instead when it conflicts with earlier rows. */
  accept(line: number, value: T): InputError | null;
}

/** What a whole-file read leaves besides the accepted rows. */
export interface ReadSummary {
  sha256: string;
  rowsRead: number;
  warnings: string[];
}

/**
 * Read every record of `path`, collecting problems to the end of the file; throws one
 * InputError (the first problems, in line order) when there were any.
 */
export async function readRows<T>(
  path: string,
  opts: ReadInputOptions,
  rules: RowRules<T>,
): Promise<ReadSummary> {
  const problems = new InputProblems();
  const reader = new RecordReader(path, detectFormat(path, opts.format), rules.schema, problems);
  for await (const record of reader.records()) {
    try {
      const conflict = rules.accept(
        record.line,
        rules.build(new FieldReader(path, reader.format, record)),
      );
      if (conflict) problems.add(conflict);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.add(err);
    }
  }
  problems.throwIfAny();
  return { sha256: reader.sha256, rowsRead: reader.rowsRead, warnings: reader.warnings };
}
