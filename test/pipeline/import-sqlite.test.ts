/**
 * `import accuracy` and `export accuracy` through the CLI on SQLite: round trips in both formats,
 * strict validation with file/line/field errors, the guard refusing duplicated keys (named), and
 * `--drop-guard` dropping it only when the file needs it, recorded and with performance recomputed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, jsonOf, runCli, tempDir } from '../helpers/cli.js';
import { accuracyRows, digestAll, withStore } from '../helpers/sqlite-db.js';

const DATE = '2026-03-05';

async function ok(args: string[]) {
  const result = await runCli(args);
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

/** A database with the worked example graded (9 rows, one without a line). */
async function gradedExample(db: string): Promise<void> {
  for (const kind of ['actuals', 'predictions'])
    await ok(['ingest', kind, join(EXAMPLE_DIR, `${kind}.csv`), '--db', db]);
  await ok(['grade', '--date', DATE, '--db', db]);
}

describe('import and export accuracy on SQLite', () => {
  const tmp = tempDir();
  const source = join(tmp.dir, 'source.db');
  const file = (name: string) => join(tmp.dir, name);
  beforeAll(() => gradedExample(source));
  afterAll(() => tmp.cleanup());

  it.each(['csv', 'jsonl'] as const)('round-trips every column through %s', async (format) => {
    const target = file(`target-${format}.db`);
    await ok([
      'export',
      'accuracy',
      '--db',
      source,
      '--format',
      format,
      '--out',
      file(`a.${format}`),
    ]);
    const imported = jsonOf(
      await ok(['import', 'accuracy', file(`a.${format}`), '--db', target, '--json']),
    );
    expect(imported).toMatchObject({
      rowsRead: 9,
      rowsWritten: 9,
      dates: [DATE],
      guardDropped: false,
    });
    expect(await accuracyRows(target)).toEqual(await accuracyRows(source));
    await ok([
      'export',
      'accuracy',
      '--db',
      target,
      '--format',
      format,
      '--out',
      file(`b.${format}`),
    ]);
    const sortedLines = (f: string) => readFileSync(f, 'utf8').split('\n').sort();
    expect(sortedLines(file(`b.${format}`))).toEqual(sortedLines(file(`a.${format}`)));
    const perf = (db: string) => withStore(db, (s) => s.readPerformance({ from: DATE, to: DATE }));
    expect(await perf(target)).toEqual(await perf(source));
  });

  it('exports to stdout, and honours the range', async () => {
    const all = await ok(['export', 'accuracy', '--db', source]);
    expect(all.stdout.trim().split('\n')).toHaveLength(10);
    const none = await ok([
      'export',
      'accuracy',
      '--db',
      source,
      '--from',
      '2026-03-06',
      '--format',
      'jsonl',
    ]);
    expect(none.stdout).toBe('');
  });

  it('refuses keys already stored while the guard is installed, naming them; nothing changes', async () => {
    await ok(['export', 'accuracy', '--db', source, '--out', file('again.csv')]);
    const before = await digestAll(source);
    const refused = await runCli(['import', 'accuracy', file('again.csv'), '--db', source]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'the unique guard is installed and 9 key(s) would be duplicated',
    );
    expect(refused.stderr).toContain(
      '(nikolajokic, 20260305_LAL_DEN, sys_a, NULL) on 2026-03-05 is already stored',
    );
    expect(await digestAll(source)).toEqual(before);
  });

  it('refuses keys repeated within the file; --drop-guard imports them, recorded, performance recomputed', async () => {
    const target = file('dups.db');
    const text = readFileSync(file('again.csv'), 'utf8');
    const [, firstRow] = text.split('\n');
    writeFileSync(file('dups.csv'), `${text}${firstRow}\n`);
    const refused = await runCli(['import', 'accuracy', file('dups.csv'), '--db', target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/repeats in the file/);
    const done = jsonOf(
      await ok(['import', 'accuracy', file('dups.csv'), '--db', target, '--drop-guard', '--json']),
    );
    expect(done).toMatchObject({ rowsWritten: 10, repeatedKeysInFile: 1, guardDropped: true });
    await withStore(target, async (s) => {
      expect((await s.guardState()).installed).toBe(false);
      const log = await s.listMaintenance();
      expect(log.map((e) => e.action)).toEqual(['guard_dropped', 'import']);
      const perf = await s.readPerformance({ from: DATE, to: DATE });
      expect(perf.reduce((sum, p) => sum + p.predictions, 0)).toBe(10);
    });
  });

  it('--drop-guard on a file that needs no drop keeps the guard', async () => {
    const target = file('clean.db');
    const done = jsonOf(
      await ok(['import', 'accuracy', file('again.csv'), '--db', target, '--drop-guard', '--json']),
    );
    expect(done).toMatchObject({ rowsWritten: 9, guardDropped: false });
    expect(await withStore(target, (s) => s.guardState())).toMatchObject({ installed: true });
  });

  it.each([
    [
      'graded_at without a zone',
      (l: string) => l.replace(/2026-\d\d-\d\dT[\d:.]+Z/, '2026-03-06 08:00:00'),
      'graded_at',
      /time zone/,
    ],
    [
      'an unknown recommendation',
      (l: string) => l.replace(/,(OVER|UNDER|PASS|NO_LINE),/, ',MAYBE,'),
      'recommendation',
      /not one of/,
    ],
    [
      'a calendar date that does not exist',
      (l: string) => l.replace(',2026-03-05,', ',2026-02-30,'),
      'game_date',
      /calendar date/,
    ],
    [
      'a confidence above 1',
      (l: string) => l.replace(/,0\.81,/, ',81,'),
      'confidence_score',
      /between 0 and 1/,
    ],
  ])('rejects %s naming file, line and field; nothing written', async (_name, edit, field, why) => {
    const target = file(`bad-${field}.db`);
    const lines = readFileSync(file('again.csv'), 'utf8').split('\n');
    const bad = lines.findIndex((l, i) => i > 0 && edit(l) !== l);
    lines[bad] = edit(lines[bad]!);
    writeFileSync(file(`bad-${field}.csv`), lines.join('\n'));
    const result = await runCli(['import', 'accuracy', file(`bad-${field}.csv`), '--db', target]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`bad-${field}.csv:${bad + 1}: field "${field}"`);
    expect(result.stderr).toMatch(why);
    expect((await digestAll(target)).prediction_accuracy!.rows).toBe(0);
  });

  it('requires the business key, game_date, recommendation and graded_at columns', async () => {
    writeFileSync(
      file('no-line.csv'),
      'player_lookup,game_id,system_id,game_date,recommendation,graded_at\na,g,s,2026-03-05,OVER,2026-03-06T08:00:00Z\n',
    );
    const missing = await runCli(['import', 'accuracy', file('no-line.csv'), '--db', file('x.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('field "line_value": required column is missing');
    writeFileSync(
      file('minimal.jsonl'),
      '{"player_lookup":"a","game_id":"g","system_id":"s","line_value":null,"game_date":"2026-03-05","recommendation":"over","graded_at":"2026-03-06 08:00:00 UTC"}\n',
    );
    const minimal = jsonOf(
      await ok(['import', 'accuracy', file('minimal.jsonl'), '--db', file('x.db'), '--json']),
    );
    expect(minimal).toMatchObject({ rowsWritten: 1 });
    const [row] = await accuracyRows(file('x.db'));
    expect(row).toMatchObject({
      recommendation: 'OVER',
      lineValue: null,
      gradedAt: '2026-03-06T08:00:00.000Z',
      runId: null,
      isVoided: null,
    });
  });
});
