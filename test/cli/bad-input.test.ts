/**
 * Bad input through the real CLI: each case is rejected with exit 2, a message naming the file,
 * the line and the field, and every table unchanged; each has a good twin one edit away that is
 * accepted, so a parser that rejects everything fails this suite.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { digestAll } from '../helpers/sqlite-db.js';

const P_HEAD =
  'system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,confidence_score,odds_american,created_at';
const P_ROW = 'sys_a,p1,G1,2026-03-05,20.5,22,OVER,0.6,-110,2026-03-05T16:00:00Z';
const A_HEAD =
  'player_lookup,game_id,game_date,points,minutes_played,is_dnp,injury_status,game_status,game_start_at';
const A_ROW = 'p1,G1,2026-03-05,25,31.5,false,,final,2026-03-06T00:30:00Z';

/** The default good predictions row with one field replaced. */
function p(field: string, value: string): string {
  const cols = P_HEAD.split(',');
  const cells = P_ROW.split(',');
  cells[cols.indexOf(field)] = value;
  return cells.join(',');
}

function a(field: string, value: string): string {
  const cols = A_HEAD.split(',');
  const cells = A_ROW.split(',');
  cells[cols.indexOf(field)] = value;
  return cells.join(',');
}

interface Case {
  name: string;
  kind: 'predictions' | 'actuals';
  file: string;
  bad: string | Buffer | null;
  good: string | Buffer;
  line: number;
  /** null for problems of the whole file or line (no single field to name). */
  field: string | null;
}

const pcsv = (...rows: string[]) => `${P_HEAD}\n${rows.join('\n')}\n`;
const acsv = (...rows: string[]) => `${A_HEAD}\n${rows.join('\n')}\n`;
const jsonl = (...objs: unknown[]) => `${objs.map((o) => JSON.stringify(o)).join('\n')}\n`;
const J_ROW = {
  system_id: 'sys_a',
  player_lookup: 'p1',
  game_id: 'G1',
  game_date: '2026-03-05',
  line_value: 20.5,
  predicted_points: 22,
  recommendation: 'OVER',
  created_at: '2026-03-05T16:00:00Z',
};
const P2 = p('player_lookup', 'p2');

const CASES: Case[] = [
  {
    name: 'missing required column',
    kind: 'predictions',
    file: 'p.csv',
    bad: 'system_id,player_lookup,game_id,game_date,line_value,recommendation,created_at\nsys_a,p1,G1,2026-03-05,20.5,OVER,2026-03-05T16:00:00Z\n',
    good: 'system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,created_at\nsys_a,p1,G1,2026-03-05,20.5,22,OVER,2026-03-05T16:00:00Z\n',
    line: 1,
    field: 'predicted_points',
  },
  {
    name: 'unknown recommendation',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(P2, p('recommendation', 'OVRE')),
    good: pcsv(P2, p('recommendation', 'over')),
    line: 3,
    field: 'recommendation',
  },
  {
    name: 'non-numeric number',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('predicted_points', '2x')),
    good: pcsv(p('predicted_points', '2')),
    line: 2,
    field: 'predicted_points',
  },
  {
    name: 'empty-string required number',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('predicted_points', '')),
    good: pcsv(p('predicted_points', '0')),
    line: 2,
    field: 'predicted_points',
  },
  {
    name: 'negative predicted points',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('predicted_points', '-2')),
    good: pcsv(p('predicted_points', '2')),
    line: 2,
    field: 'predicted_points',
  },
  {
    name: 'negative line',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('line_value', '-1.5')),
    good: pcsv(p('line_value', '1.5')),
    line: 2,
    field: 'line_value',
  },
  {
    name: 'confidence above 100',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('confidence_score', '100.5')),
    good: pcsv(p('confidence_score', '100')),
    line: 2,
    field: 'confidence_score',
  },
  {
    name: 'odds between -99 and 99',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('odds_american', '-99')),
    good: pcsv(p('odds_american', '-100')),
    line: 2,
    field: 'odds_american',
  },
  {
    name: 'odds +50',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('odds_american', '50')),
    good: pcsv(p('odds_american', '150')),
    line: 2,
    field: 'odds_american',
  },
  {
    name: 'impossible date 2026-02-30',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('game_date', '2026-02-30').replace('G1', 'G9')),
    good: pcsv(p('game_date', '2026-02-28').replace('G1', 'G9')),
    line: 2,
    field: 'game_date',
  },
  {
    name: 'impossible date 2026-13-01',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('game_date', '2026-13-01').replace('G1', 'G9')),
    good: pcsv(p('game_date', '2026-12-01').replace('G1', 'G9')),
    line: 2,
    field: 'game_date',
  },
  {
    name: 'timestamp without a zone',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('created_at', '2026-03-05T16:00:00')),
    good: pcsv(p('created_at', '2026-03-05T16:00:00Z')),
    line: 2,
    field: 'created_at',
  },
  {
    name: 'impossible timestamp',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(p('created_at', '2026-02-30T16:00:00Z')),
    good: pcsv(p('created_at', '2026-02-28T16:00:00Z')),
    line: 2,
    field: 'created_at',
  },
  {
    name: 'game_id under two dates in the file',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(P_ROW, p('game_date', '2026-03-06').replace('p1', 'p3')),
    good: pcsv(P_ROW, p('game_date', '2026-03-06').replace('p1', 'p3').replace('G1', 'G2')),
    line: 3,
    field: 'game_date',
  },
  {
    name: 'game_id stored under another date',
    kind: 'actuals',
    file: 'a.csv',
    bad: acsv(a('game_date', '2026-03-04')),
    good: acsv(a('game_date', '2026-03-04').replace('G1', 'G7')),
    line: 2,
    field: 'game_id',
  },
  {
    name: 'empty file',
    kind: 'predictions',
    file: 'p.csv',
    bad: '',
    good: pcsv(P_ROW),
    line: 1,
    field: null,
  },
  {
    name: 'header only',
    kind: 'predictions',
    file: 'p.csv',
    bad: `${P_HEAD}\n`,
    good: pcsv(P_ROW),
    line: 2,
    field: null,
  },
  {
    name: 'ragged row',
    kind: 'predictions',
    file: 'p.csv',
    bad: pcsv(P2, `${P_ROW},extra`),
    good: pcsv(P2, P_ROW),
    line: 3,
    field: null,
  },
  {
    name: 'broken JSONL line',
    kind: 'predictions',
    file: 'p.jsonl',
    bad: `${JSON.stringify(J_ROW)}\n{"system_id": "sys_a",\n`,
    good: jsonl(J_ROW),
    line: 2,
    field: null,
  },
  {
    name: 'JSONL number given as a string',
    kind: 'predictions',
    file: 'p.jsonl',
    bad: jsonl({ ...J_ROW, predicted_points: '22' }),
    good: jsonl(J_ROW),
    line: 1,
    field: 'predicted_points',
  },
  {
    name: 'binary garbage',
    kind: 'predictions',
    file: 'p.csv',
    bad: Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0x00,
    ]),
    good: pcsv(P_ROW),
    line: 1,
    field: null,
  },
  {
    name: 'wrong extension',
    kind: 'predictions',
    file: 'p.txt',
    bad: pcsv(P_ROW),
    good: pcsv(P_ROW),
    line: 1,
    field: null,
  },
  {
    name: 'missing file',
    kind: 'predictions',
    file: 'p.csv',
    bad: null,
    good: pcsv(P_ROW),
    line: 1,
    field: null,
  },
  {
    name: 'negative points',
    kind: 'actuals',
    file: 'a.csv',
    bad: acsv(a('points', '-3')),
    good: acsv(a('points', '3')),
    line: 2,
    field: 'points',
  },
  {
    name: 'fractional points',
    kind: 'actuals',
    file: 'a.csv',
    bad: acsv(a('points', '3.5')),
    good: acsv(a('points', '3')),
    line: 2,
    field: 'points',
  },
  {
    name: 'unknown injury status',
    kind: 'actuals',
    file: 'a.csv',
    bad: acsv(a('injury_status', 'SICK')),
    good: acsv(a('injury_status', 'out')),
    line: 2,
    field: 'injury_status',
  },
  {
    name: 'unknown game status',
    kind: 'actuals',
    file: 'a.csv',
    bad: acsv(a('game_status', 'delayed')),
    good: acsv(a('game_status', 'postponed')),
    line: 2,
    field: 'game_status',
  },
  {
    name: 'boolean that is not one',
    kind: 'actuals',
    file: 'a.csv',
    bad: acsv(a('is_dnp', 'maybe')),
    good: acsv(a('is_dnp', 'true')),
    line: 2,
    field: 'is_dnp',
  },
  {
    name: 'same player and game twice',
    kind: 'actuals',
    file: 'a.csv',
    bad: acsv(A_ROW, A_ROW),
    good: acsv(A_ROW, A_ROW.replace('p1', 'p2')),
    line: 3,
    field: 'player_lookup',
  },
  {
    name: 'empty required identifier',
    kind: 'actuals',
    file: 'a.csv',
    bad: acsv(a('player_lookup', '  ')),
    good: acsv(a('player_lookup', ' p1 ')),
    line: 2,
    field: 'player_lookup',
  },
];

describe('bad input is rejected with exit 2, file/line/field named, and nothing changed', () => {
  const tmp = tempDir();
  const seed = join(tmp.dir, 'seed.db');
  beforeAll(async () => {
    writeFileSync(join(tmp.dir, 'seed.csv'), pcsv(P_ROW));
    expect(
      (await runCli(['ingest', 'predictions', join(tmp.dir, 'seed.csv'), '--db', seed])).code,
    ).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it(`has at least 25 cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.concurrent.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const dir = join(tmp.dir, `case-${i}`);
    mkdirSync(dir);
    const db = join(dir, 'db.sqlite');
    copyFileSync(seed, db);
    const file = join(dir, c.file);
    if (c.bad !== null) writeFileSync(file, c.bad);
    const before = await digestAll(db);
    const bad = await runCli(['ingest', c.kind, file, '--db', db]);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toContain(basename(file));
    if (c.field) expect(bad.stderr).toContain(`field "${c.field}"`);
    if ((c.bad !== null && c.file.endsWith('sv')) || c.file.endsWith('jsonl'))
      expect(bad.stderr).toContain(`${c.file}:${c.line}`);
    expect(await digestAll(db)).toEqual(before);

    const goodFile = join(dir, c.file.replace('.txt', '.csv'));
    writeFileSync(goodFile, c.good);
    const good = await runCli(['ingest', c.kind, goodFile, '--db', db, '--json']);
    expect(good.code, good.stderr).toBe(0);
  });

  it('rejects a directory given as the file (unreadable as a file), exit 2, nothing changed', async () => {
    const before = await digestAll(seed);
    const result = await runCli(['ingest', 'predictions', tmp.dir, '--db', seed]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(basename(tmp.dir));
    expect(await digestAll(seed)).toEqual(before);
  });
});
