/** The record reader: records and their start lines, columns, hashing, reading to the end. */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readPredictionsFile } from '../../src/input/predictions.js';
import { InputProblems } from '../../src/input/problems.js';
import { type InputRecord, RecordReader } from '../../src/input/records.js';
import {
  expectWhere,
  inputErrorOf,
  makeTempDir,
  predictionRow,
  predictionsCsv,
  writeInput,
} from './helpers.js';

const temp = makeTempDir('records');
afterAll(temp.cleanup);

const SCHEMA = { required: ['a'], optional: ['b'] };

async function readAll(name: string, content: string | Buffer) {
  const path = writeInput(temp.dir, name, content);
  const problems = new InputProblems();
  const reader = new RecordReader(path, name.endsWith('.csv') ? 'csv' : 'jsonl', SCHEMA, problems);
  const records: InputRecord[] = [];
  for await (const record of reader.records()) records.push(record);
  return { records, reader, problems, path };
}

describe('CSV records', () => {
  it('yields the known fields of each record with its start line', async () => {
    const { records, reader } = await readAll('r.csv', 'a,b,c\n1,2,3\n"4\n4",5,6\n');
    expect(records).toEqual([
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 3, fields: { a: '4\n4', b: '5' } },
    ]);
    expect(reader.rowsRead).toBe(2);
    expect(reader.warnings).toEqual([expect.stringContaining('ignored unknown columns: "c"')]);
  });

  it('counts lines right with mixed LF and CRLF ends and CRLF inside quotes', async () => {
    const csv = 'a,b\n1,2\r\n"x\r\ny",3\r\n\r\n4,5\n6,"7\n\n7"\n8,9';
    const { records } = await readAll('mixed.csv', csv);
    expect(records.map((r) => r.line)).toEqual([2, 3, 6, 7, 10]);
  });

  it('splits rows on LF after a CRLF header, without keeping CRs', async () => {
    const { records } = await readAll('crlf-lf.csv', 'a,b\r\n1,2\n3,4\r\n5,6');
    expect(records.map((r) => [r.line, r.fields['b']])).toEqual([
      [2, '2'],
      [3, '4'],
      [4, '6'],
    ]);
  });

  it('names the start line of a ragged row after a multi-line record', async () => {
    const { records, problems, path } = await readAll(
      'ragged.csv',
      'a,b\n"1\r\n1",2\r\n3\r\n4,5\r\n',
    );
    expect(records.map((r) => r.line)).toEqual([2, 5]);
    expect(problems.count).toBe(1);
    expectWhere(problems.toError(), { file: path, line: 4 });
  });

  it('hashes the bytes of the file', async () => {
    const content = '\uFEFFa,b\r\n1,2\r\n';
    const { reader } = await readAll('hash.csv', content);
    expect(reader.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });
});

describe('JSONL records', () => {
  it('yields known fields with line numbers, skipping blank lines', async () => {
    const { records, reader } = await readAll('r.jsonl', '{"a":"1","z":0}\n\n  \n{"a":2,"b":null}');
    expect(records).toEqual([
      { line: 1, fields: { a: '1' } },
      { line: 4, fields: { a: 2, b: null } },
    ]);
    expect(reader.warnings).toEqual([expect.stringContaining('ignored unknown fields: "z"')]);
  });

  it('does not take a "__proto__" key as a field', async () => {
    const { records } = await readAll('proto.jsonl', '{"a":"1","__proto__":{"b":"x"}}\n');
    expect(records[0]!.fields).toEqual({ a: '1' });
    expect(Object.getPrototypeOf(records[0]!.fields)).toBe(Object.prototype);
  });
});

describe('reading to the end of the file', () => {
  it('reports problems from the whole file in line order, in one error', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => predictionRow({ player_lookup: `p${i}` }));
    rows[2] = predictionRow({ player_lookup: 'p2', predicted_points: 'x' });
    rows[29] = predictionRow({ player_lookup: 'p29', game_date: '2026-02-30' });
    rows[14] = 'too,few';
    const path = writeInput(temp.dir, 'many.csv', predictionsCsv(...rows));
    const err = await inputErrorOf(readPredictionsFile(path));
    expectWhere(err, { file: path, line: 4, field: 'predicted_points' });
    const lines = err.message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`${path}:16: ragged row: 2 fields where the header has 12`);
    expect(lines[2]).toContain(`${path}:31: field "game_date"`);
  });

  it('shows no more of a row than the offending value', async () => {
    const secret = 'SECRET-NEIGHBOUR';
    const long = 'z'.repeat(500);
    const row = predictionRow({ player_lookup: secret, recommendation: long });
    const path = writeInput(temp.dir, 'long.csv', predictionsCsv(row));
    const err = await inputErrorOf(readPredictionsFile(path));
    expect(err.message).not.toContain(secret);
    expect(err.message).toContain(`(got "${'z'.repeat(40)}…")`);
    expect(err.message.length).toBeLessThan(path.length + 150);
  });

  it('never echoes a broken JSONL line beyond 40 characters', async () => {
    const path = writeInput(temp.dir, 'broken.jsonl', `{"a": "${'q'.repeat(300)}", SECRET}\n`);
    const err = await inputErrorOf(readPredictionsFile(path));
    expect(err.message).not.toContain('SECRET');
    expectWhere(err, { file: path, line: 1 });
  });
});
