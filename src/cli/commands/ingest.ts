/** `propgrade ingest predictions|actuals FILE`. */
import type { Command } from 'commander';
import {
  type IngestPredictionsReport,
  ingestActuals,
  ingestPredictions,
} from '../../pipeline/ingest.js';
import { catalogCommand } from '../catalog.js';
import { choiceOption, configFlags, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & {
  batchId?: string;
  format?: 'csv' | 'jsonl';
  keepStaging?: boolean;
};

/** One human line per ingest of predictions, plus one per swept or failed batch. */
function describePredictions(file: string, r: IngestPredictionsReport): string {
  const done =
    r.status === 'already_merged'
      ? `batch ${r.batchId} was merged before: nothing to do`
      : `batch ${r.batchId}: ${r.versionsAdded} new versions; dates ${r.datesConsolidated.join(', ')}`;
  const lines = [
    `${file}: ${r.rowsRead} rows read, ${r.duplicatesInFile} duplicates in file, ${r.withdrawn} withdrawn; ${done}`,
    ...r.sweptBatches.map(
      (b) => `swept abandoned batch ${b.batchId}: ${b.outcome}${b.error ? ` (${b.error})` : ''}`,
    ),
  ];
  if (r.failedBatches.length > 0)
    lines.push(`batches kept in staging after a refused merge: ${r.failedBatches.join(', ')}`);
  return lines.join('\n');
}

/** Register `ingest predictions` and `ingest actuals`. */
export function registerIngest(program: Command): void {
  const ingest = catalogCommand(program, 'ingest');
  withCommonOptions(ingest.command('predictions <file>').description('ingest prediction versions'))
    .option('--batch-id <id>', "batch id (default: the file's SHA-256)")
    .option('--keep-staging', "keep the batch's staging rows after a successful merge")
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
          keepStaging: opts.keepStaging === true,
        });
        if (opts.json) printJson(report);
        else say(describePredictions(file, report));
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
