/** `propgrade export accuracy [--from D --to D] [--format csv|jsonl] [--out FILE]`. */
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { checkRange } from '../../pipeline/dedupe-plan.js';
import { exportAccuracy, exportToFile } from '../../pipeline/export.js';
import { catalogCommand } from '../catalog.js';
import { choiceOption, configFlags, parseDate, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & {
  from?: string;
  to?: string;
  format: 'csv' | 'jsonl';
  out?: string;
};

/** Register `export accuracy`. */
export function registerExport(program: Command): void {
  const exportCmd = catalogCommand(program, 'export');
  withCommonOptions(
    exportCmd
      .command('accuracy')
      .description('write prediction_accuracy rows (round-trippable through import accuracy)'),
  )
    .option('--from <date>', 'first date', parseDate)
    .option('--to <date>', 'last date', parseDate)
    .addOption(choiceOption('--format <format>', 'output format', ['csv', 'jsonl'], 'csv'))
    .option('--out <file>', 'write to FILE (complete or not at all) instead of stdout')
    .action(
      action(async (opts: Opts) => {
        const range = checkRange(opts);
        if (opts.json && !opts.out)
          throw new InputError('--json needs --out FILE: without it the rows go to stdout', {
            field: '--json',
          });
        await using rt = await openRuntime(configFlags(opts));
        if (!opts.out) {
          const rows = await exportAccuracy(rt.store, process.stdout, {
            ...range,
            format: opts.format,
          });
          rt.log.info({ rows, format: opts.format }, `exported ${rows} rows`);
          return 0;
        }
        const report = await exportToFile(rt.store, opts.out, { ...range, format: opts.format });
        if (opts.json) printJson(report);
        else say(`${report.file}: ${report.rows} rows (${report.format})`);
        return 0;
      }),
    );
}
