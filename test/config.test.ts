/** Configuration edge: the grade buffer setting is validated once, naming the variable. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADE_BUFFER_ROWS, resolveConfig } from '../src/config.js';
import { InputError } from '../src/errors.js';

const buffer = (raw?: string) =>
  resolveConfig({ db: 'x.db' }, { PROPGRADE_GRADE_BUFFER_ROWS: raw }).gradeBufferRows;

describe('resolveConfig: PROPGRADE_BACKFILL_THREADS', () => {
  const threads = (raw?: string) =>
    resolveConfig({ db: 'x.db' }, { PROPGRADE_BACKFILL_THREADS: raw }).backfillThreads;

  it('is on unless set to 0', () => {
    expect([threads(), threads(''), threads('1'), threads('0')]).toEqual([true, true, true, false]);
  });

  it.each(['yes', 'off', '2'])('rejects %j naming the variable', (raw) => {
    expect(() => threads(raw)).toThrow(/PROPGRADE_BACKFILL_THREADS must be 0 or 1/);
  });
});

describe('resolveConfig: PROPGRADE_GRADE_BUFFER_ROWS', () => {
  it('defaults when unset or empty and takes a whole number (0 = always re-read)', () => {
    expect([buffer(), buffer(''), buffer('0'), buffer('1200')]).toEqual([
      DEFAULT_GRADE_BUFFER_ROWS,
      DEFAULT_GRADE_BUFFER_ROWS,
      0,
      1200,
    ]);
  });

  it.each(['-1', '1e5', '12.5', 'many'])('rejects %j naming the variable', (raw) => {
    expect(() => buffer(raw)).toThrow(InputError);
    expect(() => buffer(raw)).toThrow(/PROPGRADE_GRADE_BUFFER_ROWS/);
  });
});
