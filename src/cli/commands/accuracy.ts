/** `propgrade accuracy [--from D --to D] [--system S]`. */
import type { Command } from 'commander';
import { type AccuracyReport, accuracy } from '../../pipeline/accuracy.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, parseDate, withCommonOptions } from '../options.js';
import { num, percent, printJson, say, table } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & { from?: string; to?: string; system?: string };

/** The per-system accuracy table for people. */
export function accuracyTable(report: AccuracyReport): string {
  return table(
    [
      'system',
      'predictions',
      'graded',
      'correct',
      'incorrect',
      'pushes',
      'voided',
      'no line',
      'hit rate',
      'MAE',
      'bias',
      'profit (u)',
      'ROI',
    ],
    report.systems.map((s) => [
      s.systemId,
      s.predictions,
      s.graded,
      s.correct,
      s.incorrect,
      s.pushes,
      s.voided,
      s.noLine,
      percent(s.hitRate),
      num(s.mae),
      num(s.bias),
      num(s.profitUnits),
      percent(s.roi),
    ]),
  );
}

export function registerAccuracy(program: Command): void {
  withCommonOptions(catalogCommand(program, 'accuracy'))
    .option('--from <date>', 'first date', parseDate)
    .option('--to <date>', 'last date', parseDate)
    .option('--system <id>', 'one system only')
    .action(
      action(async (opts: Opts) => {
        await using rt = await openRuntime(configFlags(opts));
        const report = await accuracy(rt.store, {
          from: opts.from,
          to: opts.to,
          systemId: opts.system,
        });
        if (opts.json) printJson(report);
        else say(report.systems.length ? accuracyTable(report) : 'no graded rows in this range');
        return 0;
      }),
    );
}
