/**
 * A ~100 MB predictions CSV with one bad row near its end: the reader streams the whole file and
 * names the bad row's line. Written in chunks to a temp file and deleted afterwards.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPredictionsFile } from '../../src/input/predictions.js';
import { expectWhere, inputErrorOf, makeTempDir, PREDICTION_COLUMNS } from './helpers.js';

const TARGET_BYTES = 100 * 1024 * 1024;
const ROWS_PER_CHUNK = 5_000;
const GOOD_ROWS_AFTER_BAD = 7;

const temp = makeTempDir('large');
afterAll(temp.cleanup);

function row(i: number, predicted: string): string {
  const game = `20260305_G${String(i % 400).padStart(3, '0')}`;
  return `sys_${i % 3},player${i},${game},2026-03-05,${(i % 40) + 0.5},${predicted},OVER,0.${i % 100},-110,2026-03-05T16:00:00Z,true,v1\n`;
}

/** Write ~100 MB of valid rows, then the bad row and a few good ones; returns the bad line. */
async function writeLargeCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  const header = `${PREDICTION_COLUMNS.join(',')}\n`;
  out.write(header);
  let bytes = Buffer.byteLength(header);
  let i = 0;
  while (bytes < TARGET_BYTES) {
    let chunk = '';
    for (const end = i + ROWS_PER_CHUNK; i < end; i++) chunk += row(i, '21.5');
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  const badLine = i + 2;
  out.write(row(i++, '"21,5"'));
  for (let k = 0; k < GOOD_ROWS_AFTER_BAD; k++) out.write(row(i++, '21.5'));
  out.end();
  await once(out, 'finish');
  return badLine;
}

describe('a ~100 MB predictions file', () => {
  it('is streamed to the end and the bad row near its end is named', async () => {
    const path = join(temp.dir, 'large-predictions.csv');
    const badLine = await writeLargeCsv(path);
    expect((await stat(path)).size).toBeGreaterThanOrEqual(TARGET_BYTES);
    const started = performance.now();
    const err = await inputErrorOf(readPredictionsFile(path));
    console.info(`large file: read and validated in ${Math.round(performance.now() - started)} ms`);
    expectWhere(err, { file: path, line: badLine, field: 'predicted_points' });
    expect(err.message).toContain('(got "21,5")');
    expect(err.message.split('\n')).toHaveLength(1);
  });
});
