/** Rules of a predictions file beyond single fields: versions, repeats, ids, withdrawals. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { derivePredictionId } from '../../src/input/prediction-row.js';
import { readPredictionsFile } from '../../src/input/predictions.js';
import {
  makeTempDir,
  predictionJson,
  predictionRow,
  predictionsCsv,
  writeInput,
} from './helpers.js';

const temp = makeTempDir('predictions');
afterAll(temp.cleanup);

const EXAMPLE = '/work/shared/examples/grading/predictions.csv';

describe('the worked example', () => {
  it('reads all 11 data rows as 11 versions', async () => {
    const read = await readPredictionsFile(EXAMPLE);
    expect(read.rowsRead).toBe(11);
    expect(read.versions).toHaveLength(11);
    expect(read.duplicatesInFile).toBe(0);
    expect(read.withdrawn).toBe(0);
    expect(read.warnings).toEqual([]);
    expect(read.sha256).toBe(createHash('sha256').update(readFileSync(EXAMPLE)).digest('hex'));
    expect(read.versions.map((v) => v.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('parses the typed values of its rows', async () => {
    const read = await readPredictionsFile(EXAMPLE);
    const [first, , third] = read.versions.map((v) => v.value);
    expect(first).toMatchObject({
      systemId: 'sys_a',
      playerLookup: 'jaysontatum',
      gameId: '20260305_BOS_NYK',
      gameDate: '2026-03-05',
      lineValue: 27.5,
      predictedPoints: 26,
      recommendation: 'UNDER',
      confidenceScore: 0.55,
      oddsAmerican: null,
      createdAt: '2026-03-05T12:00:00.000Z',
      modelVersion: null,
      isWithdrawn: false,
    });
    expect(third).toMatchObject({ oddsAmerican: 105, recommendation: 'UNDER' });
    const jokic = read.versions.find((v) => v.value.playerLookup === 'nikolajokic')!.value;
    expect(jokic).toMatchObject({
      lineValue: null,
      confidenceScore: null,
      recommendation: 'NO_LINE',
    });
  });
});

describe('versions', () => {
  it('counts a repeated (business key, created_at) once and keeps the later row', async () => {
    const csv = predictionsCsv(
      predictionRow(),
      predictionRow({ player_lookup: 'x' }),
      predictionRow({ predicted_points: '31.5', created_at: '2026-03-05T11:00:00-05:00' }),
    );
    const read = await readPredictionsFile(writeInput(temp.dir, 'repeat.csv', csv));
    expect(read.rowsRead).toBe(3);
    expect(read.duplicatesInFile).toBe(1);
    expect(
      read.versions.map((v) => [v.line, v.value.playerLookup, v.value.predictedPoints]),
    ).toEqual([
      [4, 'jaysontatum', 31.5],
      [3, 'x', 30.1],
    ]);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]).toContain('the later row was kept (lines 4)');
  });

  it('counts an identical repeat without a warning', async () => {
    const csv = predictionsCsv(predictionRow(), predictionRow());
    const read = await readPredictionsFile(writeInput(temp.dir, 'same.csv', csv));
    expect([read.versions.length, read.duplicatesInFile, read.warnings.length]).toEqual([1, 1, 0]);
  });

  it('treats two NULL lines as the same key, and a line of 27.5 and 27.50 as the same', async () => {
    const csv = predictionsCsv(
      predictionRow({ line_value: '' }),
      predictionRow({ line_value: '' }),
      predictionRow({ line_value: '27.5' }),
      predictionRow({ line_value: '27.50' }),
    );
    const read = await readPredictionsFile(writeInput(temp.dir, 'nulls.csv', csv));
    expect(read.versions.map((v) => v.value.lineValue)).toEqual([null, 27.5]);
    expect(read.duplicatesInFile).toBe(2);
  });

  it('keeps versions that differ only in created_at or line', async () => {
    const csv = predictionsCsv(
      predictionRow(),
      predictionRow({ created_at: '2026-03-05T16:00:00.001Z' }),
      predictionRow({ line_value: '28.5' }),
    );
    const read = await readPredictionsFile(writeInput(temp.dir, 'distinct.csv', csv));
    expect(read.versions).toHaveLength(3);
    expect(new Set(read.versions.map((v) => v.value.predictionId)).size).toBe(3);
  });

  it('counts withdrawn versions (is_active=false) and keeps them', async () => {
    const csv = predictionsCsv(
      predictionRow({ is_active: 'FALSE' }),
      predictionRow({ player_lookup: 'x', is_active: '' }),
      predictionRow({ player_lookup: 'y', is_active: '0' }),
    );
    const read = await readPredictionsFile(writeInput(temp.dir, 'withdrawn.csv', csv));
    expect(read.versions.map((v) => v.value.isWithdrawn)).toEqual([true, false, true]);
    expect(read.withdrawn).toBe(2);
  });
});

describe('prediction_id', () => {
  const identity = {
    systemId: 'sys_a',
    playerLookup: 'jaysontatum',
    gameId: 'g1',
    lineValue: 27.5,
    createdAt: '2026-03-05T16:00:00.000Z',
  };

  it('is derived from (business key, created_at): 32 hex digits, deterministic', async () => {
    const read = await readPredictionsFile(
      writeInput(temp.dir, 'id.csv', predictionsCsv(predictionRow())),
    );
    const id = read.versions[0]!.value.predictionId;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).toBe(derivePredictionId(identity));
    const again = await readPredictionsFile(
      writeInput(temp.dir, 'id.jsonl', `${predictionJson()}\n`),
    );
    expect(again.versions[0]!.value.predictionId).toBe(id);
  });

  it('differs when any part of the identity differs, and NULL is not the text "NULL"', () => {
    const ids = new Set([
      derivePredictionId(identity),
      derivePredictionId({ ...identity, lineValue: null }),
      derivePredictionId({ ...identity, lineValue: 28.5 }),
      derivePredictionId({ ...identity, systemId: 'sys_b' }),
      derivePredictionId({ ...identity, playerLookup: 'NULL', lineValue: null }),
      derivePredictionId({ ...identity, createdAt: '2026-03-05T16:00:00.001Z' }),
      derivePredictionId({ ...identity, systemId: 'sys_a","jaysontatum', playerLookup: 'g1' }),
    ]);
    expect(ids.size).toBe(7);
  });

  it('is pinned: the stored ids of earlier loads must never change', () => {
    const text = '["sys_a","jaysontatum","g1","27.5","2026-03-05T16:00:00.000Z"]';
    const expected = createHash('sha256').update(text).digest('hex').slice(0, 32);
    expect(derivePredictionId(identity)).toBe(expected);
    expect(derivePredictionId({ ...identity, lineValue: null })).toBe(
      createHash('sha256')
        .update('["sys_a","jaysontatum","g1","NULL","2026-03-05T16:00:00.000Z"]')
        .digest('hex')
        .slice(0, 32),
    );
  });

  it('is taken from the input when given', async () => {
    const read = await readPredictionsFile(
      writeInput(temp.dir, 'given.jsonl', `${predictionJson({ prediction_id: ' up-123 ' })}\n`),
    );
    expect(read.versions[0]!.value.predictionId).toBe('up-123');
  });
});

describe('format', () => {
  it('reads a file with another extension in the format given', async () => {
    const path = writeInput(temp.dir, 'export.txt', `${predictionJson()}\n`);
    const read = await readPredictionsFile(path, { format: 'jsonl' });
    expect(read.versions).toHaveLength(1);
    await expect(readPredictionsFile(path)).rejects.toMatchObject({ where: { file: path } });
  });
});

describe('columns', () => {
  it('ignores unknown columns with one warning naming them', async () => {
    const csv = predictionsCsv(predictionRow(), predictionRow({ player_lookup: 'x' }))
      .replace('is_active,model_version', 'is_active,model_version,note,batch')
      .replaceAll(',\n', ',,a,b\n');
    const read = await readPredictionsFile(writeInput(temp.dir, 'unknown.csv', csv));
    expect(read.versions).toHaveLength(2);
    expect(read.warnings).toEqual([
      expect.stringContaining('ignored unknown columns: "note", "batch"'),
    ]);
  });

  it('ignores unknown JSONL fields with one warning for the whole file', async () => {
    const jsonl = [
      predictionJson({ extra: 1 }),
      predictionJson({ player_lookup: 'x', extra: { a: 1 }, more: [] }),
    ];
    const read = await readPredictionsFile(writeInput(temp.dir, 'unknown.jsonl', jsonl.join('\n')));
    expect(read.versions).toHaveLength(2);
    expect(read.warnings).toEqual([
      expect.stringContaining('ignored unknown fields: "extra", "more"'),
    ]);
  });

  it('warns when a CSV has no line_value column (every line NULL)', async () => {
    const csv = predictionsCsv(predictionRow()).replace(',line_value', '').replace(',27.5', '');
    const read = await readPredictionsFile(writeInput(temp.dir, 'noline.csv', csv));
    expect(read.versions[0]!.value.lineValue).toBeNull();
    expect(read.warnings).toEqual([expect.stringContaining('no "line_value" column')]);
  });
});
