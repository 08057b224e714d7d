/** `propgrade dedupe [--from D --to D] [--keep earliest|latest] [--dry-run]`. */
import type { Command } from 'commander';
import { KEEP_MODES, type KeepMode } from '../../domain/report.js';
import { type DedupeReport, dedupe } from '../../pipeline/dedupe.js';
import { catalogCommand } from '../catalog.js';
import { choiceOption, configFlags, parseDate, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & {
  from?: string;
  to?: string;
  keep: KeepMode;
  dryRun?: boolean;
};

/** The outcome of a dedupe for people. */
export function describeDedupe(r: DedupeReport): string {
  const scope = r.from || r.to ? `${r.from ?? '…'} to ${r.to ?? '…'}` : 'all dates';
  const counts = `${r.before.rows} rows / ${r.before.uniqueKeys} unique keys → ${r.after.rows} rows / ${r.after.uniqueKeys} unique keys`;
  const dates = r.datesRecomputed.length ? r.datesRecomputed.join(', ') : 'none';
  const guard = r.guardInstalled
    ? 'installed'
    : 'NOT installed (duplicates remain outside the range)';
  if (r.dryRun)
    return `dry run (${scope}, keep ${r.keep}): would remove ${r.removed} rows: ${counts}; dates ${dates}; the unique guard would be ${guard}`;
  const backup = r.backupTable ? `backup ${r.backupTable}` : 'no backup needed';
  return `${scope}, keep ${r.keep}: removed ${r.removed} rows: ${counts}; ${backup}; performance recomputed for ${dates}; unique guard ${guard}`;
}

/** Register `dedupe`. */
export function registerDedupe(program: Command): void {
  withCommonOptions(catalogCommand(program, 'dedupe'))
    .option('--from <date>', 'first date', parseDate)
    .option('--to <date>', 'last date', parseDate)
    .addOption(
      choiceOption(
        '--keep <which>',
        'the row kept per key: earliest or latest graded_at (ties: run_id, prediction_id)',
        KEEP_MODES,
        'earliest',
      ),
    )
    .option('--dry-run', 'plan only: no lease, no backup, no change')
    .action(
      action(async (opts: Opts) => {
        await using rt = await openRuntime(configFlags(opts));
        const report = await dedupe(rt, {
          from: opts.from,
          to: opts.to,
          keep: opts.keep,
          dryRun: opts.dryRun === true,
        });
        if (opts.json) printJson(report);
        else say(describeDedupe(report));
        return 0;
      }),
    );
}
