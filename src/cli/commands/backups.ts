/** `propgrade backups [list]` · `propgrade backups prune --keep N`. */
import { type Command, InvalidArgumentError } from 'commander';
import { listBackups, pruneBackups } from '../../pipeline/backups.js';
import type { BackupInfo } from '../../store/store.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, withCommonOptions } from '../options.js';
import { printJson, say, table } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & { keep?: number };

function backupTable(backups: BackupInfo[]): string {
  if (backups.length === 0) return 'no backups';
  return table(
    ['backup', 'taken at', 'dates', 'rows', 'by'],
    backups.map((b) => [b.table, b.createdAt, b.dates.join(', '), b.rows, b.purpose]),
  );
}

function parseKeep(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0`);
  return Number(value);
}

/** Register `backups`. */
export function registerBackups(program: Command): void {
  const backups = catalogCommand(program, 'backups');
  const list = action(async (opts: Opts) => {
    await using rt = await openRuntime(configFlags(opts));
    const all = await listBackups(rt.store);
    if (opts.json) printJson({ backups: all });
    else say(backupTable(all));
    return 0;
  });
  withCommonOptions(
    backups
      .command('list', { isDefault: true })
      .description('list backups, newest first (the default)'),
  ).action(list);
  withCommonOptions(
    backups.command('prune').description('keep the newest N backups, drop the rest'),
  )
    .requiredOption('--keep <n>', 'how many backups to keep', parseKeep)
    .action(
      action(async (opts: Opts) => {
        await using rt = await openRuntime(configFlags(opts));
        const report = await pruneBackups(rt.store, opts.keep ?? 0);
        if (opts.json) printJson(report);
        else say(`kept ${report.kept.length}, dropped ${report.dropped.join(', ') || 'none'}`);
        return 0;
      }),
    );
}
