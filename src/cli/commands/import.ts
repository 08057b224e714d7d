/** `propgrade import accuracy FILE [--drop-guard] [--format csv|jsonl]`. */
import type { Command } from 'commander';
import { importAccuracy } from '../../pipeline/import.js';
import { catalogCommand } from '../catalog.js';
import { choiceOption, configFlags, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & { dropGuard?: boolean; format?: 'csv' | 'jsonl' };

/** Register `import accuracy`. */
export function registerImport(program: Command): void {
  const importCmd = catalogCommand(program, 'import');
  withCommonOptions(
    importCmd
      .command('accuracy <file>')
      .description(
        'append prediction_accuracy rows (CSV or JSONL with its column names) under the leases of their dates',
      ),
  )
    .option(
      '--drop-guard',
      'when the file repeats keys (within itself or against the table), drop the unique guard instead of refusing',
    )
    .addOption(
      choiceOption('--format <format>', 'input format when the extension does not say', [
        'csv',
        'jsonl',
      ]),
    )
    .action(
      action(async (file: string, opts: Opts) => {
        await using rt = await openRuntime(configFlags(opts));
        const report = await importAccuracy(rt, file, {
          dropGuard: opts.dropGuard === true,
          format: opts.format,
        });
        if (opts.json) printJson(report);
        else
          say(
            `${file}: ${report.rowsRead} rows read, ${report.rowsWritten} appended on ${report.dates.join(', ')}; ${report.repeatedKeysInFile} keys repeat within the file${report.guardDropped ? '; the unique guard was DROPPED (run dedupe to clean and reinstall it)' : ''}`,
          );
        return 0;
      }),
    );
}
