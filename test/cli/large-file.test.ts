/** The 100 MB bad-input case through the real CLI: exit 2, the line named, every table unchanged. */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { writeLargeCsv } from '../helpers/large-csv.js';
import { digestAll } from '../helpers/sqlite-db.js';

describe('ingest of a ~100 MB file whose one bad row is near its end', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('is rejected with exit 2 naming the file, line and field, and changes nothing', {
    timeout: 180_000,
  }, async () => {
    const file = join(tmp.dir, 'large.csv');
    const badLine = await writeLargeCsv(file);
    const db = join(tmp.dir, 'large.db');
    expect((await runCli(['init', '--db', db])).code).toBe(0);
    const before = await digestAll(db);
    const result = await runCli(['ingest', 'predictions', file, '--db', db]);
    expect(result.code, result.stderr.slice(0, 500)).toBe(2);
    expect(result.stderr).toContain(`large.csv:${badLine}: field "predicted_points"`);
    expect(await digestAll(db)).toEqual(before);
  });
});
