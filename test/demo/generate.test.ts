import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSlate, writeSlate } from '../../src/demo/generate.js';
import { InputError } from '../../src/errors.js';
import { headerOf, parseCsv } from './slate-reader.js';

const SHARED_EXAMPLES = fileURLToPath(new URL('../../../shared/examples', import.meta.url));
const EXAMPLE_DIR = join(process.env['PROPGRADE_EXAMPLES_DIR'] ?? SHARED_EXAMPLES, 'grading');

const WEEK = { days: 7, seed: 42, endDate: '2026-03-05' };

describe('generateSlate determinism', () => {
  it('gives byte-identical files for the same options', () => {
    const first = generateSlate(WEEK);
    const second = generateSlate({ ...WEEK });
    expect(second.predictions).toBe(first.predictions);
    expect(second.actuals).toBe(first.actuals);
    expect(second.stats).toEqual(first.stats);
  });

  it('gives different files for a different seed', () => {
    const first = generateSlate(WEEK);
    const other = generateSlate({ ...WEEK, seed: 43 });
    expect(other.predictions).not.toBe(first.predictions);
    expect(other.actuals).not.toBe(first.actuals);
  });

  it('generates a date the same way whatever the length of the slate', () => {
    const lastDate = (csv: string) => csv.split('\n').filter((l) => l.includes(',2026-03-05,'));
    const week = generateSlate(WEEK);
    const threeDays = generateSlate({ ...WEEK, days: 3 });
    expect(lastDate(threeDays.predictions).length).toBeGreaterThan(100);
    expect(lastDate(threeDays.predictions)).toEqual(lastDate(week.predictions));
    expect(lastDate(threeDays.actuals)).toEqual(lastDate(week.actuals));
  });
});

describe('generateSlate file format', () => {
  const slate = generateSlate(WEEK);

  it('uses the example predictions header plus model_version, without prediction_id', async () => {
    const example = headerOf(await readFile(join(EXAMPLE_DIR, 'predictions.csv'), 'utf8'));
    expect(headerOf(slate.predictions)).toEqual([...example, 'model_version']);
  });

  it('uses the example actuals header plus game_start_at and game_status', async () => {
    const example = headerOf(await readFile(join(EXAMPLE_DIR, 'actuals.csv'), 'utf8'));
    expect(headerOf(slate.actuals)).toEqual([...example, 'game_start_at', 'game_status']);
  });

  it('parses into records with every column filled in or deliberately empty', () => {
    const predictions = parseCsv(slate.predictions);
    const actuals = parseCsv(slate.actuals);
    expect(predictions.length).toBe(slate.stats.predictionRows);
    expect(actuals.length).toBe(slate.stats.actualRows);
    for (const p of predictions) expect(p['system_id']).not.toBe('');
    for (const a of actuals) expect(a['team_abbr']).not.toBe('');
  });

  it('ends every line with \\n and the file with one newline', () => {
    expect(slate.predictions.includes('\r')).toBe(false);
    expect(slate.predictions.endsWith('\n')).toBe(true);
    expect(slate.predictions.endsWith('\n\n')).toBe(false);
  });

  it('delivers 500 to 1,100 prediction rows a day', () => {
    const perDay = slate.stats.predictionRows / slate.dates.length;
    expect(perDay).toBeGreaterThan(500);
    expect(perDay).toBeLessThan(1100);
  });
});

describe('generateSlate options', () => {
  it.each([
    { days: 0 },
    { days: 1.5 },
    { days: 367 },
    { seed: 0.5 },
    { seed: Number.NaN },
    { endDate: '2026-02-30' },
    { endDate: '05/03/2026' },
  ])('refuses %o as bad input', (override) => {
    expect(() => generateSlate({ ...WEEK, ...override })).toThrow(InputError);
  });

  it('returns `days` consecutive dates ending at endDate', () => {
    const slate = generateSlate({ ...WEEK, days: 3, endDate: '2026-03-01' });
    expect(slate.dates).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('accepts a single day and a negative seed', () => {
    const slate = generateSlate({ days: 1, seed: -7, endDate: '2025-12-31' });
    expect(slate.dates).toEqual(['2025-12-31']);
    expect(slate.stats.games).toBeGreaterThanOrEqual(6);
  });
});

describe('writeSlate', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes predictions.csv and actuals.csv with the generated text', async () => {
    const root = await mkdtemp(join(tmpdir(), 'propgrade-demo-'));
    dirs.push(root);
    const files = await writeSlate(join(root, 'nested', 'slate'), WEEK);
    const slate = generateSlate(WEEK);
    expect(files.predictionsCsv).toBe(join(root, 'nested', 'slate', 'predictions.csv'));
    expect(await readFile(files.predictionsCsv, 'utf8')).toBe(slate.predictions);
    expect(await readFile(files.actualsCsv, 'utf8')).toBe(slate.actuals);
    expect(files.dates).toEqual(slate.dates);
    expect(files.stats).toEqual(slate.stats);
  });
});
