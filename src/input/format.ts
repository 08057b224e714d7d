/**
 * Which reader an input file needs. The extension decides (`.csv`, `.jsonl`, `.ndjson`, any
 * case); a file with another extension needs an explicit format (`--format`).
 */
import { extname } from 'node:path';
import { InputError } from '../errors.js';

/** The input formats propgrade reads. */
export const INPUT_FORMATS = ['csv', 'jsonl'] as const;
/** One of {@link INPUT_FORMATS}. */
export type InputFormat = (typeof INPUT_FORMATS)[number];

const FORMAT_BY_EXTENSION: Readonly<Record<string, InputFormat>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** True when `value` names an input format. */
export function isInputFormat(value: unknown): value is InputFormat {
  return typeof value === 'string' && (INPUT_FORMATS as readonly string[]).includes(value);
}

/**
 * The format of `file`: from its extension when it is a known one, else `explicit`. A known
 * extension wins over `explicit` only when they agree; a conflict is bad input, because reading
 * a CSV file as JSONL (or the reverse) can only produce confusing errors.
 */
export function detectFormat(file: string, explicit?: InputFormat): InputFormat {
  const byExtension = FORMAT_BY_EXTENSION[extname(file).toLowerCase()];
  if (explicit !== undefined && !isInputFormat(explicit)) {
    throw new InputError(`${file}: unknown format "${String(explicit)}" (use csv or jsonl)`, {
      file,
    });
  }
  if (byExtension && explicit && byExtension !== explicit) {
    throw new InputError(
      `${file}: wrong extension for format ${explicit} (the extension says ${byExtension})`,
      { file },
    );
  }
  const format = byExtension ?? explicit;
  if (!format) {
    throw new InputError(
      `${file}: wrong extension "${extname(file)}" (expected .csv, .jsonl or .ndjson, or give --format csv|jsonl)`,
      { file },
    );
  }
  return format;
}
