/**
 * A SQLite table holding duplicates, made through real commands: D1 and D2 graded, exported,
 * D1 graded again, both exports imported back with `--drop-guard` (D1: rows of two runs per key,
 * D2: one run's rows twice), plus D3 imported from a legacy file whose repeated keys differ in
 * graded_at and outcome.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type CliResult, runCli } from '../helpers/cli.js';
import { writeSlate } from './report-slate.js';

export const [D1, D2, D3] = ['2026-02-01', '2026-02-02', '2026-02-03'];

/** Run the CLI on `db`; expect exit 0. */
export async function cliOk(db: string, ...args: string[]): Promise<CliResult> {
  const result = await runCli([...args, '--db', db]);
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

function legacyFile(dir: string): string {
  const head =
    'player_lookup,game_id,system_id,line_value,game_date,recommendation,prediction_correct,graded_at,run_id';
  const rows = [
    `flip,g3,sys_a,10.5,${D3},OVER,false,2026-02-04T09:00:00Z,`,
    `flip,g3,sys_a,10.5,${D3},OVER,true,2026-02-04T08:00:00Z,`,
    `flip,g3,sys_a,10.5,${D3},OVER,false,2026-02-04T10:00:00Z,`,
    `nolines,g3,sys_a,,${D3},NO_LINE,,2026-02-04T08:00:00Z,`,
    `nolines,g3,sys_a,,${D3},NO_LINE,,2026-02-04T08:00:00Z,`,
    `single,g3,sys_b,11.5,${D3},UNDER,true,2026-02-04T08:00:00Z,`,
  ];
  const file = join(dir, 'legacy.csv');
  writeFileSync(file, `${head}\n${rows.join('\n')}\n`);
  return file;
}

/** Build the duplicated table in `db` (files go to `dir`). */
export async function duplicatedTable(dir: string, db: string): Promise<void> {
  for (const date of [D1, D2]) {
    const slate = writeSlate(dir, date);
    await cliOk(db, 'ingest', 'actuals', slate.actuals);
    await cliOk(db, 'ingest', 'predictions', slate.predictions);
    await cliOk(db, 'grade', '--date', date);
  }
  const exported = join(dir, 'exported.csv');
  await cliOk(db, 'export', 'accuracy', '--out', exported);
  await cliOk(db, 'grade', '--date', D1);
  await cliOk(db, 'import', 'accuracy', exported, '--drop-guard');
  await cliOk(db, 'import', 'accuracy', legacyFile(dir));
}
