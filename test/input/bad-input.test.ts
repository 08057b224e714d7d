/**
 * Bad input, table-driven. Every bad case has a good twin one edit away that must be accepted,
 * so a reader that rejects everything fails here too. Each rejection must name the file, the
 * line and the field (file-level problems have no line or field) in the message and on `where`.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readActualsFile } from '../../src/input/actuals.js';
import { readPredictionsFile } from '../../src/input/predictions.js';
import {
  actualsCsv as act,
  actualRow as ar,
  expectWhere,
  inputErrorOf,
  makeTempDir,
  predictionJson as pj,
  predictionRow as pr,
  predictionsCsv as pred,
  writeInput,
} from './helpers.js';

type Setup = (dir: string) => string;

interface BadCase {
  name: string;
  kind: 'predictions' | 'actuals';
  bad: Setup;
  good: Setup;
  line?: number;
  field?: string;
  says: string;
}

const temp = makeTempDir('bad-input');
afterAll(temp.cleanup);

const file =
  (name: string, content: string | Buffer): Setup =>
  (dir) =>
    writeInput(dir, name, content);

/** `csv` without the column `name` (fixtures have no quoted commas). */
function dropColumn(csv: string, name: string): string {
  const lines = csv.split('\n');
  const index = lines[0]!.split(',').indexOf(name);
  const drop = (l: string) => l.split(',').filter((_, i) => i !== index);
  return lines.map((l) => (l === '' ? l : drop(l).join(','))).join('\n');
}

const jsonl = (...lines: string[]) => `${lines.join('\n')}\n`;

const CASES: BadCase[] = [
  {
    name: 'missing required column (predictions)',
    kind: 'predictions',
    bad: file('p.csv', dropColumn(pred(pr()), 'created_at')),
    good: file('p.csv', pred(pr())),
    line: 1,
    field: 'created_at',
    says: 'required column is missing',
  },
  {
    name: 'missing required column (actuals)',
    kind: 'actuals',
    bad: file('a.csv', dropColumn(act(ar()), 'game_date')),
    good: file('a.csv', act(ar())),
    line: 1,
    field: 'game_date',
    says: 'required column is missing',
  },
  {
    name: 'unknown recommendation',
    kind: 'predictions',
    bad: file('p.csv', pred(pr(), pr({ recommendation: 'MAYBE', player_lookup: 'x' }))),
    good: file('p.csv', pred(pr(), pr({ recommendation: 'under', player_lookup: 'x' }))),
    line: 3,
    field: 'recommendation',
    says: 'not one of OVER, UNDER, PASS, HOLD, NO_LINE (got "MAYBE")',
  },
  {
    name: 'non-numeric number',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ predicted_points: 'abc' }))),
    good: file('p.csv', pred(pr({ predicted_points: '12' }))),
    line: 2,
    field: 'predicted_points',
    says: 'not a decimal number (got "abc")',
  },
  {
    name: 'decimal comma',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ line_value: '"21,5"' }))),
    good: file('p.csv', pred(pr({ line_value: '"21.5"' }))),
    line: 2,
    field: 'line_value',
    says: 'not a decimal number (got "21,5")',
  },
  {
    name: 'empty-string required number',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ predicted_points: '' }))),
    good: file('p.csv', pred(pr({ predicted_points: '0' }))),
    line: 2,
    field: 'predicted_points',
    says: 'required value is missing',
  },
  {
    name: 'negative points',
    kind: 'actuals',
    bad: file('a.csv', act(ar({ points: '-3' }))),
    good: file('a.csv', act(ar({ points: '3' }))),
    line: 2,
    field: 'points',
    says: 'must be at least 0 (got "-3")',
  },
  {
    name: 'fractional points',
    kind: 'actuals',
    bad: file('a.csv', act(ar({ points: '12.5' }))),
    good: file('a.csv', act(ar({ points: '12.0' }))),
    line: 2,
    field: 'points',
    says: 'not a whole number',
  },
  {
    name: 'negative line',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ line_value: '-0.5' }))),
    good: file('p.csv', pred(pr({ line_value: '0.5' }))),
    line: 2,
    field: 'line_value',
    says: 'must be at least 0',
  },
  {
    name: 'confidence above 100',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ confidence_score: '100.5' }))),
    good: file('p.csv', pred(pr({ confidence_score: '100' }))),
    line: 2,
    field: 'confidence_score',
    says: 'must be between 0 and 100 (got "100.5")',
  },
  {
    name: 'negative confidence',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ confidence_score: '-0.01' }))),
    good: file('p.csv', pred(pr({ confidence_score: '0' }))),
    line: 2,
    field: 'confidence_score',
    says: 'must be between 0 and 100',
  },
  {
    name: 'odds of -99',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ odds_american: '-99' }))),
    good: file('p.csv', pred(pr({ odds_american: '-100' }))),
    line: 2,
    field: 'odds_american',
    says: 'American odds must be -100 or below, or 100 or above (got "-99")',
  },
  {
    name: 'odds of 99',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ odds_american: '99' }))),
    good: file('p.csv', pred(pr({ odds_american: '100' }))),
    line: 2,
    field: 'odds_american',
    says: 'American odds',
  },
  {
    name: 'impossible date 2026-02-30',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ game_date: '2026-02-30' }))),
    good: file('p.csv', pred(pr({ game_date: '2026-02-28' }))),
    line: 2,
    field: 'game_date',
    says: 'not a real calendar date YYYY-MM-DD (got "2026-02-30")',
  },
  {
    name: 'impossible date 2026-13-01',
    kind: 'actuals',
    bad: file('a.csv', act(ar({ game_date: '2026-13-01' }))),
    good: file('a.csv', act(ar({ game_date: '2026-12-01' }))),
    line: 2,
    field: 'game_date',
    says: 'not a real calendar date',
  },
  {
    name: 'timestamp without a zone (created_at)',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ created_at: '2026-03-05T16:00:00' }))),
    good: file('p.csv', pred(pr({ created_at: '2026-03-05T16:00:00Z' }))),
    line: 2,
    field: 'created_at',
    says: 'timestamp without a time zone',
  },
  {
    name: 'timestamp without a zone (game_start_at)',
    kind: 'actuals',
    bad: file('a.csv', act(ar({ game_start_at: '2026-03-05 19:30:00' }))),
    good: file('a.csv', act(ar({ game_start_at: '2026-03-05 19:30:00 UTC' }))),
    line: 2,
    field: 'game_start_at',
    says: 'timestamp without a time zone',
  },
  {
    name: 'not a timestamp',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ created_at: 'yesterday' }))),
    good: file('p.csv', pred(pr({ created_at: '2026-03-04T23:00:00-05:00' }))),
    line: 2,
    field: 'created_at',
    says: 'not an ISO 8601 timestamp',
  },
  {
    name: 'a game_id under two dates (predictions)',
    kind: 'predictions',
    bad: file('p.csv', pred(pr(), pr({ player_lookup: 'x', game_date: '2026-03-06' }))),
    good: file('p.csv', pred(pr(), pr({ player_lookup: 'x', game_date: '2026-03-05' }))),
    line: 3,
    field: 'game_date',
    says: 'game_id "g1" is under 2026-03-05 on line 2',
  },
  {
    name: 'a game_id under two dates (actuals)',
    kind: 'actuals',
    bad: file(
      'a.csv',
      act(ar(), ar({ player_lookup: 'x' }), ar({ player_lookup: 'y', game_date: '2026-03-04' })),
    ),
    good: file(
      'a.csv',
      act(
        ar(),
        ar({ player_lookup: 'x' }),
        ar({ player_lookup: 'y', game_id: 'g0', game_date: '2026-03-04' }),
      ),
    ),
    line: 4,
    field: 'game_date',
    says: 'a game has one date (got "2026-03-04")',
  },
  {
    name: 'the same player and game twice (actuals)',
    kind: 'actuals',
    bad: file('a.csv', act(ar(), ar({ points: '7' }))),
    good: file('a.csv', act(ar(), ar({ player_lookup: 'jrueholiday', points: '7' }))),
    line: 3,
    field: 'player_lookup',
    says: 'repeats line 2',
  },
  {
    name: 'blank required identifier',
    kind: 'predictions',
    bad: file('p.csv', pred(pr({ player_lookup: '   ' }))),
    good: file('p.csv', pred(pr({ player_lookup: ' x ' }))),
    line: 2,
    field: 'player_lookup',
    says: 'required value is missing',
  },
  {
    name: 'invalid boolean',
    kind: 'actuals',
    bad: file('a.csv', act(ar({ is_dnp: 'maybe' }))),
    good: file('a.csv', act(ar({ is_dnp: 'No' }))),
    line: 2,
    field: 'is_dnp',
    says: 'not a boolean',
  },
  {
    name: 'unknown injury status',
    kind: 'actuals',
    bad: file('a.csv', act(ar({ injury_status: 'INJURED' }))),
    good: file('a.csv', act(ar({ injury_status: 'out' }))),
    line: 2,
    field: 'injury_status',
    says: 'not one of OUT, DOUBTFUL, QUESTIONABLE, PROBABLE',
  },
  {
    name: 'unknown game status',
    kind: 'actuals',
    bad: file('a.csv', act(ar({ game_status: 'delayed' }))),
    good: file('a.csv', act(ar({ game_status: 'Postponed' }))),
    line: 2,
    field: 'game_status',
    says: 'not one of final, postponed, cancelled',
  },
  {
    name: 'a column twice in the header',
    kind: 'actuals',
    bad: file('a.csv', act(ar()).replace('opponent_team_abbr,', 'team_abbr,')),
    good: file('a.csv', act(ar()).replace('opponent_team_abbr,', 'team_abbr2,')),
    line: 1,
    field: 'team_abbr',
    says: 'column appears twice',
  },
  {
    name: 'empty file',
    kind: 'predictions',
    bad: file('p.csv', ''),
    good: file('p.csv', pred(pr())),
    line: 1,
    says: 'empty file',
  },
  {
    name: 'empty JSONL file (blank lines only)',
    kind: 'predictions',
    bad: file('p.jsonl', '\n  \n'),
    good: file('p.jsonl', `\n${pj()}\n`),
    line: 1,
    says: 'empty file',
  },
  {
    name: 'header only',
    kind: 'actuals',
    bad: file('a.csv', act()),
    good: file('a.csv', act(ar())),
    line: 2,
    says: 'no data rows',
  },
  {
    name: 'ragged row',
    kind: 'actuals',
    bad: file('a.csv', act(ar(), ar({ player_lookup: 'x' }).replace(/,final$/, ''))),
    good: file('a.csv', act(ar(), ar({ player_lookup: 'x' }).replace(/,final$/, ','))),
    line: 3,
    says: 'ragged row: 10 fields where the header has 11',
  },
  {
    name: 'a stray quote in an unquoted field',
    kind: 'actuals',
    bad: file('a.csv', act(ar({ player_lookup: 'jay"son' }))),
    good: file('a.csv', act(ar({ player_lookup: '"jay""son"' }))),
    line: 2,
    says: 'malformed CSV',
  },
  {
    name: 'broken JSONL line',
    kind: 'predictions',
    bad: file('p.jsonl', jsonl(pj(), pj({ player_lookup: 'x' }).slice(0, -1))),
    good: file('p.jsonl', jsonl(pj(), pj({ player_lookup: 'x' }))),
    line: 2,
    says: 'not valid JSON',
  },
  {
    name: 'JSONL line that is not an object',
    kind: 'predictions',
    bad: file('p.ndjson', jsonl(pj(), `[${pj({ player_lookup: 'x' })}]`)),
    good: file('p.ndjson', jsonl(pj(), `${pj({ player_lookup: 'x' })}`)),
    line: 2,
    says: 'a line must be a JSON object',
  },
  {
    name: 'JSONL number given as a string',
    kind: 'predictions',
    bad: file('p.jsonl', jsonl(pj({ predicted_points: '12' }))),
    good: file('p.jsonl', jsonl(pj({ predicted_points: 12 }))),
    line: 1,
    field: 'predicted_points',
    says: 'expected a JSON number, got a string (got "12")',
  },
  {
    name: 'JSONL text given as a number',
    kind: 'predictions',
    bad: file('p.jsonl', jsonl(pj({ player_lookup: 12 }))),
    good: file('p.jsonl', jsonl(pj({ player_lookup: '12' }))),
    line: 1,
    field: 'player_lookup',
    says: 'expected text, got a number (got 12)',
  },
  {
    name: 'JSONL boolean given as a string',
    kind: 'predictions',
    bad: file('p.jsonl', jsonl(pj({ is_active: 'true' }))),
    good: file('p.jsonl', jsonl(pj({ is_active: true }))),
    line: 1,
    field: 'is_active',
    says: 'expected a JSON boolean',
  },
  {
    name: 'JSONL nested value',
    kind: 'predictions',
    bad: file('p.jsonl', jsonl(pj({ model_version: { v: 1 } }))),
    good: file('p.jsonl', jsonl(pj({ model_version: 'v1' }))),
    line: 1,
    field: 'model_version',
    says: 'not an object or array',
  },
  {
    name: 'JSONL number out of range',
    kind: 'predictions',
    bad: file('p.jsonl', jsonl(pj({ predicted_points: 4321 }).replace('4321', '1e999'))),
    good: file('p.jsonl', jsonl(pj({ predicted_points: 4321 }).replace('4321', '1e99'))),
    line: 1,
    field: 'predicted_points',
    says: 'number out of range',
  },
  {
    name: 'JSONL required field absent',
    kind: 'predictions',
    bad: file('p.jsonl', jsonl(pj(), pj({ game_date: undefined, player_lookup: 'x' }))),
    good: file('p.jsonl', jsonl(pj(), pj({ player_lookup: 'x' }))),
    line: 2,
    field: 'game_date',
    says: 'required value is missing',
  },
  {
    name: 'JSONL recommendation null',
    kind: 'predictions',
    bad: file('p.jsonl', jsonl(pj({ recommendation: null }))),
    good: file('p.jsonl', jsonl(pj({ recommendation: 'no_line' }))),
    line: 1,
    field: 'recommendation',
    says: 'required value is missing (got null)',
  },
  {
    name: 'a prediction_id given to two versions',
    kind: 'predictions',
    bad: file(
      'p.jsonl',
      jsonl(pj({ prediction_id: 'p1' }), pj({ prediction_id: 'p1', player_lookup: 'x' })),
    ),
    good: file(
      'p.jsonl',
      jsonl(pj({ prediction_id: 'p1' }), pj({ prediction_id: 'p2', player_lookup: 'x' })),
    ),
    line: 2,
    field: 'prediction_id',
    says: 'already used by another version',
  },
  {
    name: 'binary garbage (NUL bytes)',
    kind: 'predictions',
    bad: file(
      'p.csv',
      Buffer.concat([Buffer.from(pred(pr())), Buffer.from([0, 1, 2, 0, 0xff, 10])]),
    ),
    good: file('p.csv', Buffer.concat([Buffer.from(pred(pr()))])),
    line: 3,
    says: 'not a UTF-8 text file: NUL byte',
  },
  {
    name: 'invalid UTF-8',
    kind: 'actuals',
    bad: file(
      'a.csv',
      Buffer.from(
        act(ar(), ar({ player_lookup: 'nikolajoki\u0107' })).replace('\u0107', '\u00ff'),
        'latin1',
      ),
    ),
    good: file('a.csv', Buffer.from(act(ar(), ar({ player_lookup: 'nikolajoki\u0107' })), 'utf8')),
    line: 3,
    says: 'not a UTF-8 text file: invalid UTF-8',
  },
  {
    name: 'wrong extension',
    kind: 'predictions',
    bad: file('p.txt', pred(pr())),
    good: file('p.CSV', pred(pr())),
    says: 'wrong extension ".txt"',
  },
  {
    name: 'missing file',
    kind: 'actuals',
    bad: (dir) => join(dir, 'nowhere.csv'),
    good: file('nowhere.csv', act(ar())),
    says: 'cannot read input file: no such file',
  },
  {
    name: 'unreadable file (a directory where a file should be)',
    kind: 'actuals',
    bad: (dir) => {
      mkdirSync(join(dir, 'dir.csv'));
      return join(dir, 'dir.csv');
    },
    good: file('dir.csv', act(ar())),
    says: 'cannot read input file: is a directory',
  },
];

function readerOf(kind: BadCase['kind']): (path: string) => Promise<{ rowsRead: number }> {
  return kind === 'predictions' ? readPredictionsFile : readActualsFile;
}

describe('bad input is refused, naming file, line and field', () => {
  CASES.forEach((c, index) => {
    it(`${c.name}`, async () => {
      const path = c.bad(mkdirSync(join(temp.dir, `bad-${index}`), { recursive: true })!);
      const err = await inputErrorOf(readerOf(c.kind)(path));
      expectWhere(err, { file: path, line: c.line, field: c.field });
      expect(err.message).toContain(c.says);
    });

    it(`${c.name}: the good twin is accepted`, async () => {
      const path = c.good(mkdirSync(join(temp.dir, `good-${index}`), { recursive: true })!);
      const read = await readerOf(c.kind)(path);
      expect(read.rowsRead).toBeGreaterThan(0);
    });
  });

  it('has at least 25 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });
});

const isRoot = process.getuid?.() === 0;

describe('a file without read permission', () => {
  // Root reads any file whatever its mode bits, so chmod 000 blocks nothing there; the
  // directory case above covers "unreadable" for root. This runs for every other user.
  it.skipIf(isRoot)('is refused naming the file (chmod 000)', async () => {
    const path = writeInput(temp.dir, 'locked.csv', act(ar()));
    chmodSync(path, 0o000);
    const err = await inputErrorOf(readActualsFile(path));
    expectWhere(err, { file: path });
    expect(err.message).toContain('permission denied');
    chmodSync(path, 0o600);
    await expect(readActualsFile(path)).resolves.toMatchObject({ rowsRead: 1 });
  });
});
