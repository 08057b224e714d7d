/** `propgrade restore --backup NAME [--force]`. */
import type { Command } from 'commander';
import { restore } from '../../pipeline/restore.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & { backup: string; force?: boolean };

/** Register `restore`. */
export function registerRestore(program: Command): void {
  withCommonOptions(catalogCommand(program, 'restore'))
    .requiredOption('--backup <name>', 'backup table (see `propgrade backups`)')
    .option('--force', 'restore even when a date was graded after the backup')
    .action(
      action(async (opts: Opts) => {
        await using rt = await openRuntime(configFlags(opts));
        const report = await restore(rt, { backup: opts.backup, force: opts.force === true });
        if (opts.json) printJson(report);
        else
          say(
            `${report.backupTable}: restored ${report.rowsRestored} rows on ${report.dates.join(', ')} (replacing ${report.rowsReplaced})${report.forced ? '; FORCED over later gradings' : ''}${report.guardDropped ? '; the restored rows repeat keys: the unique guard was DROPPED' : ''}`,
          );
        return 0;
      }),
    );
}
