/**
 * Valid data that looks odd is accepted and comes out verbatim: a UTF-8 BOM, CRLF line ends,
 * quoted fields with commas, quotes and line breaks, SQL metacharacters, non-ASCII names and
 * lower-case recommendations, in CSV and JSONL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readActualsFile } from '../../src/input/actuals.js';
import { readPredictionsFile } from '../../src/input/predictions.js';
import {
  actualRow,
  actualsCsv,
  makeTempDir,
  predictionJson,
  predictionRow,
  predictionsCsv,
  writeInput,
} from './helpers.js';

const temp = makeTempDir('roundtrip');
afterAll(temp.cleanup);

async function onlyVersion(name: string, content: string) {
  const read = await readPredictionsFile(writeInput(temp.dir, name, content));
  expect(read.versions).toHaveLength(1);
  return read.versions[0]!;
}

describe('odd but valid predictions come out verbatim', () => {
  it('strips a UTF-8 BOM from the header (CSV)', async () => {
    const v = await onlyVersion('bom.csv', `\uFEFF${predictionsCsv(predictionRow())}`);
    expect(v.value.systemId).toBe('sys_a');
    expect(v.line).toBe(2);
  });

  it('strips a UTF-8 BOM from the first line (JSONL)', async () => {
    const v = await onlyVersion('bom.jsonl', `\uFEFF${predictionJson()}\n`);
    expect(v.value.systemId).toBe('sys_a');
  });

  it('reads CRLF line ends without keeping the CR', async () => {
    const csv = predictionsCsv(predictionRow(), predictionRow({ player_lookup: 'x' }));
    const read = await readPredictionsFile(
      writeInput(temp.dir, 'crlf.csv', csv.replaceAll('\n', '\r\n')),
    );
    expect(read.versions.map((v) => [v.line, v.value.playerLookup])).toEqual([
      [2, 'jaysontatum'],
      [3, 'x'],
    ]);
    expect(read.versions[0]!.value.isWithdrawn).toBe(false);
  });

  it('reads CRLF JSONL', async () => {
    const v = await onlyVersion('crlf.jsonl', `${predictionJson({ model_version: 'v2' })}\r\n`);
    expect(v.value.modelVersion).toBe('v2');
  });

  it('keeps quoted commas and doubled quotes', async () => {
    const row = predictionRow({ player_lookup: '"o\'neal, ""shaq"" jr"', model_version: '"a,b"' });
    const v = await onlyVersion('quotes.csv', predictionsCsv(row));
    expect(v.value.playerLookup).toBe('o\'neal, "shaq" jr');
    expect(v.value.modelVersion).toBe('a,b');
  });

  it('keeps SQL metacharacters', async () => {
    const sql = "'; DROP TABLE predictions; --";
    const v = await onlyVersion('sql.csv', predictionsCsv(predictionRow({ system_id: sql })));
    expect(v.value.systemId).toBe(sql);
    const j = await onlyVersion('sql.jsonl', `${predictionJson({ player_lookup: `${sql}"\\` })}\n`);
    expect(j.value.playerLookup).toBe(`${sql}"\\`);
  });

  it('keeps non-ASCII letters in names', async () => {
    const v = await onlyVersion(
      'utf8.csv',
      predictionsCsv(predictionRow({ player_lookup: 'nikolajokić' })),
    );
    expect(v.value.playerLookup).toBe('nikolajokić');
  });

  it('accepts lower-case recommendations and stores them upper-case', async () => {
    const csv = predictionsCsv(
      predictionRow({ recommendation: 'over' }),
      predictionRow({ recommendation: 'No_Line', line_value: '', player_lookup: 'x' }),
    );
    const read = await readPredictionsFile(writeInput(temp.dir, 'lower.csv', csv));
    expect(read.versions.map((v) => v.value.recommendation)).toEqual(['OVER', 'NO_LINE']);
  });

  it('trims identifiers but does not case-fold them', async () => {
    const v = await onlyVersion(
      'trim.csv',
      predictionsCsv(predictionRow({ player_lookup: '  JaysonTatum ' })),
    );
    expect(v.value.playerLookup).toBe('JaysonTatum');
  });

  it('keeps a quoted field with a CRLF inside, and counts lines after it right', async () => {
    const csv = predictionsCsv(
      predictionRow({ model_version: '"build\nnotes"' }),
      predictionRow({ player_lookup: 'x', model_version: '"one\ntwo\nthree"' }),
      predictionRow({ player_lookup: 'y' }),
      predictionRow({ player_lookup: 'z', predicted_points: 'oops' }),
    ).replaceAll('\n', '\r\n');
    const path = writeInput(temp.dir, 'multiline.csv', csv);
    await expect(readPredictionsFile(path)).rejects.toMatchObject({
      where: { file: path, line: 8, field: 'predicted_points' },
    });
    const good = writeInput(temp.dir, 'multiline-ok.csv', csv.replace('oops', '12'));
    const read = await readPredictionsFile(good);
    expect(read.versions.map((v) => v.line)).toEqual([2, 4, 7, 8]);
    expect(read.versions[1]!.value.modelVersion).toBe('one\r\ntwo\r\nthree');
  });

  it('skips blank lines and keeps counting them', async () => {
    const csv = predictionsCsv(predictionRow(), '', predictionRow({ player_lookup: 'x' }));
    const read = await readPredictionsFile(writeInput(temp.dir, 'blank.csv', csv));
    expect(read.versions.map((v) => v.line)).toEqual([2, 4]);
    const jsonl = `\n${predictionJson()}\n\n${predictionJson({ player_lookup: 'x' })}`;
    const j = await readPredictionsFile(writeInput(temp.dir, 'blank.jsonl', jsonl));
    expect(j.versions.map((v) => v.line)).toEqual([2, 4]);
  });
});

describe('odd but valid actuals come out verbatim', () => {
  it('reads BOM, CRLF, quotes and non-ASCII names', async () => {
    const csv = actualsCsv(
      actualRow({ player_lookup: '"luka dončić, jr"', team_abbr: "'; --" }),
    ).replaceAll('\n', '\r\n');
    const read = await readActualsFile(writeInput(temp.dir, 'odd-actuals.csv', `\uFEFF${csv}`));
    expect(read.rows[0]!.value).toMatchObject({
      playerLookup: 'luka dončić, jr',
      teamAbbr: "'; --",
    });
  });
});
