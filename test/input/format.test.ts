/** Format from the extension, else from the explicit option. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { detectFormat } from '../../src/input/format.js';

describe('detectFormat', () => {
  it.each([
    ['a.csv', 'csv'],
    ['dir.x/A.CSV', 'csv'],
    ['a.jsonl', 'jsonl'],
    ['a.JsonL', 'jsonl'],
    ['a.ndjson', 'jsonl'],
    ['a.NDJSON', 'jsonl'],
  ])('%s is %s', (file, format) => {
    expect(detectFormat(file)).toBe(format);
  });

  it('uses the explicit format for another extension', () => {
    expect(detectFormat('export.txt', 'csv')).toBe('csv');
    expect(detectFormat('no-extension', 'jsonl')).toBe('jsonl');
  });

  it('refuses another extension without an explicit format, naming the file', () => {
    const attempt = () => detectFormat('export.txt');
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow('export.txt: wrong extension ".txt"');
  });

  it('refuses an explicit format that contradicts the extension', () => {
    expect(() => detectFormat('a.csv', 'jsonl')).toThrow('wrong extension for format jsonl');
    expect(detectFormat('a.csv', 'csv')).toBe('csv');
  });

  it('refuses an unknown explicit format', () => {
    expect(() => detectFormat('a.txt', 'xml' as 'csv')).toThrow('unknown format "xml"');
  });
});
