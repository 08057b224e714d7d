/**
 * Opening an input file for streaming, and the few file-level failures worded for operators:
 * missing, unreadable, a directory, not text.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { InputError } from '../errors.js';
import { fileError, lineError } from './problems.js';
import type { NotTextError } from './text-guard.js';

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a parent of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

/** A short operator-facing reason for a file-system error. */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return ERRNO_TEXT[code] ?? `read error ${code}`;
  return err instanceof Error ? err.message : String(err);
}

/** True when `err` carries a file-system error code (ENOENT, EIO, ...). */
export function isFsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/** Open `file` for reading as a byte stream; InputError when it is missing, unreadable or a directory. */
export async function openInputStream(file: string): Promise<Readable> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw fileError(file, `cannot read input file: ${describeFsError(err)}`, err);
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw fileError(file, 'cannot read input file: is a directory, not a file');
  }
  return handle.createReadStream();
}

/** The 1-based line that byte `offset` of `file` is on (reads the file up to there). */
export async function lineAtOffset(file: string, offset: number): Promise<number> {
  if (offset <= 0) return 1;
  let lines = 1;
  for await (const chunk of createReadStream(file, { end: offset - 1 }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  }
  return lines;
}

/** The InputError for a file that is not UTF-8 text, naming the line of the first bad byte. */
export async function notTextInputError(file: string, err: NotTextError): Promise<InputError> {
  const line = await lineAtOffset(file, err.offset);
  return lineError(file, line, `not a UTF-8 text file: ${err.reason}`);
}
