/** How problems are worded and collected: bounded values, line order, one error at the end. */
import { describe, expect, it } from 'vitest';
import { fieldError, InputProblems, lineError, showValue } from '../../src/input/problems.js';

describe('showValue', () => {
  it('quotes text and truncates it to 40 characters', () => {
    expect(showValue('abc')).toBe('"abc"');
    const long = 'x'.repeat(39) + 'éééé';
    expect(showValue(long)).toBe(`"${'x'.repeat(39)}é…"`);
  });

  it('escapes quotes and line breaks instead of printing them raw', () => {
    expect(showValue('a"b\nc')).toBe('"a\\"b\\nc"');
  });

  it('shows non-text values as JSON, truncated', () => {
    expect(showValue(12)).toBe('12');
    expect(showValue(null)).toBe('null');
    expect(showValue({ a: 'y'.repeat(100) }).length).toBeLessThanOrEqual(41);
  });
});

describe('fieldError', () => {
  it('has the form <file>:<line>: field "<field>": <what> (got "<value>")', () => {
    const err = fieldError('p.csv', 7, 'points', 'must be at least 0', '-3');
    expect(err.message).toBe('p.csv:7: field "points": must be at least 0 (got "-3")');
    expect(err.where).toEqual({ file: 'p.csv', line: 7, field: 'points' });
  });
});

describe('InputProblems', () => {
  it('throws nothing without problems', () => {
    expect(() => new InputProblems().throwIfAny()).not.toThrow();
  });

  it('throws the first problem by line, then the next ones, then how many more', () => {
    const problems = new InputProblems(3);
    for (const line of [9, 4, 12, 2, 30, 5]) problems.add(lineError('f.csv', line, `bad ${line}`));
    const err = (() => {
      try {
        problems.throwIfAny();
      } catch (e) {
        return e as Error & { where: { line?: number } };
      }
      throw new Error('expected a throw');
    })();
    expect(err.message.split('\n')).toEqual([
      'f.csv:2: bad 2',
      'f.csv:4: bad 4',
      'f.csv:5: bad 5',
      '… and 3 more problems',
    ]);
    expect(err.where.line).toBe(2);
    expect(problems.count).toBe(6);
  });

  it('returns a single problem unchanged', () => {
    const problems = new InputProblems();
    const only = fieldError('f.csv', 3, 'x', 'bad');
    expect(problems.fatal(only)).toBe(only);
  });
});
