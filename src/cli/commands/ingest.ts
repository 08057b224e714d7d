/** `propgrade ingest predictions|actuals FILE`. */
import type { Command } from 'commander';
import { ingestActuals, ingestPredictions } from '../../pipeline/ingest.js';
import { choiceOption, configFlags, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & { batchId?: string; format?: 'csv' | 'jsonl' };

export function registerIngest(program: Command): void {
  const ingest = program
    .command('ingest')
    .description('load a CSV or JSONL file (validated whole first; all-or-nothing)');
  withCommonOptions(ingest.command('predictions <file>').description('ingest prediction versions'))
    .option('--batch-id <id>', "batch id (default: the file's SHA-256)")
    .addOption(
      choiceOption('--format <format>', 'input format when the extension does not say', [
        'csv',
        'jsonl',
      ]),
    )
    .action(
      action(async (file: string, opts: Opts) => {
        await using rt = await openRuntime(configFlags(opts));
        const report = await ingestPredictions(rt, file, {
          batchId: opts.batchId,
          format: opts.format,
        });
        if (opts.json) printJson(report);
        else
          say(
            `${file}: ${report.rowsRead} rows read, ${report.versionsAdded} new versions, ${report.duplicatesInFile} duplicates in file, ${report.withdrawn} withdrawn; dates ${report.datesConsolidated.join(', ') || '—'}`,
          );
        return 0;
      }),
    );
  withCommonOptions(ingest.command('actuals <file>').description('ingest box-score actuals'))
    .addOption(
      choiceOption('--format <format>', 'input format when the extension does not say', [
        'csv',
        'jsonl',
      ]),
    )
    .action(
      action(async (file: string, opts: Opts) => {
        await using rt = await openRuntime(configFlags(opts));
        const report = await ingestActuals(rt, file, { format: opts.format });
        if (opts.json) printJson(report);
        else
          say(
            `${file}: ${report.rowsRead} rows read, ${report.inserted} inserted, ${report.updated} updated`,
          );
        return 0;
      }),
    );
}
