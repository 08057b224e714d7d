import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { gamesFor, SYSTEMS, writeBenchFiles } from '../../src/bench/data.js';
import { INCIDENT_DATES, writeIncidentAccuracy } from '../../src/bench/incident-data.js';
import { tempDir } from '../helpers/cli.js';

const tmp = tempDir('propgrade-bench-data-');
afterAll(() => tmp.cleanup());

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').trimEnd().split('\n');
}

describe('bench data', () => {
  it('writes N predictions with distinct triples and a box score for every player', () => {
    const files = writeBenchFiles(tmp.dir, 'a', ['2026-01-10', '2026-01-11'], 1000);
    const predictions = lines(files.predictionsFile);
    expect(predictions).toHaveLength(2001);
    const triples = new Set(predictions.slice(1).map((l) => l.split(',').slice(0, 4).join('|')));
    expect(triples.size).toBe(2000);
    expect(lines(files.actualsFile)).toHaveLength(1 + files.actuals);
    expect(files.actuals).toBe(2 * gamesFor(1000) * 24);
    expect(new Set(predictions.slice(1).map((l) => l.split(',')[0])).size).toBe(SYSTEMS);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = writeBenchFiles(tmp.dir, 'b', ['2026-01-10'], 500, 7);
    const first = readFileSync(a.predictionsFile, 'utf8');
    const b = writeBenchFiles(tmp.dir, 'c', ['2026-01-10'], 500, 7);
    expect(readFileSync(b.predictionsFile, 'utf8')).toBe(first);
    const c = writeBenchFiles(tmp.dir, 'd', ['2026-01-10'], 500, 8);
    expect(readFileSync(c.predictionsFile, 'utf8')).not.toBe(first);
  });

  it('shapes the cleanup table like the incident: rows, unique keys, exact-copy duplicates', () => {
    const table = writeIncidentAccuracy(tmp.dir, 100);
    const rows = lines(table.file).slice(1);
    expect(rows).toHaveLength(table.rows);
    expect(new Set(rows).size).toBe(table.keys);
    const rowsTotal = INCIDENT_DATES.reduce((sum, d) => sum + d.rows, 0);
    const keysTotal = INCIDENT_DATES.reduce((sum, d) => sum + d.keys, 0);
    expect([rowsTotal, keysTotal, rowsTotal - keysTotal]).toEqual([497_304, 306_489, 190_815]);
  });
});
