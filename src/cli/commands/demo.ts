/** `propgrade demo [--days N] [--seed S]`: a graded synthetic slate in ./propgrade-demo.db. */
import type { Command } from 'commander';
import { sqliteFileOf } from '../../config.js';
import { InputError } from '../../errors.js';
import { type DemoReport, resetDemoDatabase, runDemo } from '../../pipeline/demo.js';
import type { RunRecord } from '../../store/store.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, parseDate, parsePositiveInt, withCommonOptions } from '../options.js';
import { printJson, say, table } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';
import { accuracyTable } from './accuracy.js';

type Opts = Record<string, unknown> & { days: number; seed: number; endDate: string };

function ledgerTable(runs: RunRecord[]): string {
  return table(
    [
      'game date',
      'trigger',
      'status',
      'started',
      'lease acquired',
      'waited ms',
      'finished',
      'rows',
      'fence',
    ],
    runs.map((r) => [
      r.gameDate,
      r.trigger,
      r.status,
      r.startedAt.slice(11, 23),
      r.lockAcquiredAt?.slice(11, 23) ?? '—',
      r.lockWaitMs ?? '—',
      r.finishedAt?.slice(11, 23) ?? '—',
      r.rowsWritten ?? '—',
      r.fenceToken ?? '—',
    ]),
  );
}

function printDemo(report: DemoReport): void {
  say(
    `Demo database: ${report.database} (dates ${report.dates[0]} to ${report.dates[report.dates.length - 1]})\n`,
  );
  say('Accuracy per system (same figures as `propgrade accuracy --json --db <this file>`):');
  say(accuracyTable(report.accuracy));
  say(
    '\nRun ledger (backfill in this process, a scheduled run of the latest date in a second process):',
  );
  say(ledgerTable(report.runs));
  say(
    `\nNext: propgrade accuracy --db ${report.database}   ·   propgrade grade --date ${report.dates.at(-1)} --db ${report.database}`,
  );
}

export function registerDemo(program: Command): void {
  withCommonOptions(catalogCommand(program, 'demo'))
    .option('--days <n>', 'number of game dates', parsePositiveInt, 7)
    .option('--seed <s>', 'random seed', parsePositiveInt, 42)
    .option('--end-date <date>', 'last game date of the slate', parseDate, '2026-03-07')
    .action(
      action(async (opts: Opts) => {
        const db = typeof opts.db === 'string' ? opts.db : './propgrade-demo.db';
        const file = sqliteFileOf(db.includes(':') ? db : `sqlite:${db}`);
        if (!file)
          throw new InputError('demo runs on the embedded SQLite store: give --db a file path', {
            field: '--db',
          });
        resetDemoDatabase(file);
        await using rt = await openRuntime(configFlags({ ...opts, db: `sqlite:${file}` }));
        const report = await runDemo(rt, {
          days: opts.days,
          seed: opts.seed,
          endDate: opts.endDate,
          dbFile: file,
        });
        if (opts.json) printJson(report);
        else printDemo(report);
        return 0;
      }),
    );
}
