/** A ~100 MB predictions CSV with one bad row near its end (shared by the input and CLI tests). */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { PREDICTION_COLUMNS } from '../input/helpers.js';

export const TARGET_BYTES = 100 * 1024 * 1024;
const ROWS_PER_CHUNK = 5_000;
const GOOD_ROWS_AFTER_BAD = 7;

function row(i: number, predicted: string): string {
  const game = `20260305_G${String(i % 400).padStart(3, '0')}`;
  return `sys_${i % 3},player${i},${game},2026-03-05,${(i % 40) + 0.5},${predicted},OVER,0.${i % 100},-110,2026-03-05T16:00:00Z,true,v1\n`;
}

/** Write ~100 MB of valid rows, then the bad row and a few good ones; returns the bad line. */
export async function writeLargeCsv(path: string): Promise<number> {
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
