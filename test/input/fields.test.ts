/** The strict field parsers, value by value, for CSV text and for JSONL values. */
import { describe, expect, it } from 'vitest';
import {
  FieldProblem,
  parseBoolean,
  parseChoice,
  parseDate,
  parseInteger,
  parseNumber,
  parseText,
  parseTimestamp,
} from '../../src/input/fields.js';

describe('parseNumber (CSV)', () => {
  it.each([
    ['12', 12],
    ['-3.25', -3.25],
    ['0', 0],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    [' 7 ', 7],
    ['007', 7],
  ])('accepts %j as %d', (text, value) => {
    expect(parseNumber(text, 'csv')).toBe(value);
  });

  it.each([
    ['abc'],
    ['5.'],
    ['+5'],
    ['1,5'],
    ['0x1A'],
    ['Infinity'],
    ['NaN'],
    ['1_000'],
    ['1 2'],
    ['-'],
    ['1e'],
    ['1e999'],
  ])('rejects %j', (text) => {
    expect(() => parseNumber(text, 'csv')).toThrow(FieldProblem);
  });

  it('reads an empty or blank field as NULL, never 0', () => {
    expect(parseNumber('', 'csv')).toBeNull();
    expect(parseNumber('   ', 'csv')).toBeNull();
    expect(parseNumber(undefined, 'csv')).toBeNull();
  });
});

describe('parseNumber (JSONL)', () => {
  it('accepts JSON numbers and null', () => {
    expect(parseNumber(12.5, 'jsonl')).toBe(12.5);
    expect(parseNumber(null, 'jsonl')).toBeNull();
  });

  it.each([['12'], [''], [true]])('rejects %j', (value) => {
    expect(() => parseNumber(value, 'jsonl')).toThrow('expected a JSON number');
  });

  it('rejects a number out of range', () => {
    expect(() => parseNumber(Number.POSITIVE_INFINITY, 'jsonl')).toThrow('out of range');
  });
});

describe('parseInteger', () => {
  it('accepts whole numbers, also written with a zero fraction', () => {
    expect(parseInteger('-110', 'csv')).toBe(-110);
    expect(parseInteger('12.0', 'csv')).toBe(12);
    expect(parseInteger(105, 'jsonl')).toBe(105);
  });

  it('rejects fractions and unsafe integers', () => {
    expect(() => parseInteger('12.5', 'csv')).toThrow('not a whole number');
    expect(() => parseInteger(2 ** 60, 'jsonl')).toThrow('not a whole number');
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['t', true],
    ['F', false],
    ['Yes', true],
    ['no', false],
    ['', null],
  ])('reads CSV %j as %j', (text, value) => {
    expect(parseBoolean(text, 'csv')).toBe(value);
  });

  it('rejects other CSV words', () => {
    expect(() => parseBoolean('y', 'csv')).toThrow('not a boolean');
  });

  it('needs real booleans in JSONL', () => {
    expect(parseBoolean(false, 'jsonl')).toBe(false);
    expect(() => parseBoolean('false', 'jsonl')).toThrow('expected a JSON boolean');
    expect(() => parseBoolean(0, 'jsonl')).toThrow('expected a JSON boolean');
  });
});

describe('parseText', () => {
  it('trims without case-folding; blank is NULL', () => {
    expect(parseText('  NikolaJokić ')).toBe('NikolaJokić');
    expect(parseText('  ')).toBeNull();
    expect(parseText(null)).toBeNull();
  });

  it('rejects a number where text belongs', () => {
    expect(() => parseText(12)).toThrow('expected text, got a number');
  });
});

describe('parseDate', () => {
  it('accepts real calendar dates, including 29 February of a leap year', () => {
    expect(parseDate('2026-03-05')).toBe('2026-03-05');
    expect(parseDate('2028-02-29')).toBe('2028-02-29');
  });

  it.each([
    ['2026-02-30'],
    ['2026-13-01'],
    ['2026-02-29'],
    ['2026-3-5'],
    ['05/03/2026'],
    ['2026-03-05T00:00:00Z'],
  ])('rejects %j', (text) => {
    expect(() => parseDate(text)).toThrow('not a real calendar date');
  });

  it('repeats its answer for a repeated value, valid or not', () => {
    expect(parseDate('2026-03-05')).toBe('2026-03-05');
    expect(parseDate('2026-03-05')).toBe('2026-03-05');
    expect(() => parseDate('2026-02-30')).toThrow();
    expect(() => parseDate('2026-02-30')).toThrow();
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2026-03-05T16:00:00Z', '2026-03-05T16:00:00.000Z'],
    ['2026-03-05T11:00:00-05:00', '2026-03-05T16:00:00.000Z'],
    ['2026-03-05T16:00:00.123456Z', '2026-03-05T16:00:00.123Z'],
    ['2026-03-05 16:00:00 UTC', '2026-03-05T16:00:00.000Z'],
    ['2026-03-05 16:00:00.5 UTC', '2026-03-05T16:00:00.500Z'],
  ])('reads %j as %j', (text, iso) => {
    expect(parseTimestamp(text)).toBe(iso);
  });

  it('says when only the zone is missing', () => {
    expect(() => parseTimestamp('2026-03-05T16:00:00')).toThrow('without a time zone');
    expect(() => parseTimestamp('2026-03-05 16:00:00')).toThrow('without a time zone');
  });

  it.each([['2026-02-30T16:00:00Z'], ['yesterday'], ['2026-03-05'], ['2026-03-05T25:00:00Z']])(
    'rejects %j',
    (text) => {
      expect(() => parseTimestamp(text)).toThrow(FieldProblem);
    },
  );
});

describe('parseChoice', () => {
  const SET = ['OVER', 'UNDER'] as const;

  it("matches any case and returns the set's spelling", () => {
    expect(parseChoice('over', SET)).toBe('OVER');
    expect(parseChoice(' Under ', SET)).toBe('UNDER');
    expect(parseChoice('', SET)).toBeNull();
  });

  it('names the allowed values when refusing', () => {
    expect(() => parseChoice('PUSH', SET)).toThrow('not one of OVER, UNDER');
  });
});
