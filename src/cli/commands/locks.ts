/** `propgrade locks [list | show KEY | release KEY --force --reason R]`. */
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { LeaseInfo } from '../../lock/backend.js';
import { forceReleaseLock, listLocks, showLock } from '../../pipeline/locks.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, withCommonOptions } from '../options.js';
import { printJson, say, table } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & { force?: boolean; reason?: string };

function leaseTable(leases: LeaseInfo[]): string {
  if (leases.length === 0) return 'no leases';
  return table(
    ['key', 'holder', 'fence', 'acquired', 'expires', 'expired'],
    leases.map((l) => [
      l.key,
      l.holder,
      l.fence,
      l.acquiredAt,
      l.expiresAt,
      l.expired ? 'yes' : 'no',
    ]),
  );
}

export function registerLocks(program: Command): void {
  const locks = catalogCommand(program, 'locks');
  const list = action(async (opts: Opts) => {
    await using rt = await openRuntime(configFlags(opts));
    const leases = await listLocks(rt);
    if (opts.json) printJson(leases);
    else say(leaseTable(leases));
    return 0;
  });
  withCommonOptions(
    locks.command('list', { isDefault: true }).description('list leases (the default)'),
  ).action(list);
  withCommonOptions(locks.command('show <key>').description('show one lease')).action(
    action(async (key: string, opts: Opts) => {
      await using rt = await openRuntime(configFlags(opts));
      const lease = await showLock(rt, key);
      if (opts.json) printJson(lease);
      else say(lease ? leaseTable([lease]) : `${key}: not held`);
      return 0;
    }),
  );
  withCommonOptions(
    locks
      .command('release <key>')
      .description('force-release a lease (recorded; fences out the holder)'),
  )
    .option('--force', 'required: this removes a lease someone may hold')
    .option('--reason <text>', 'required: why')
    .action(
      action(async (key: string, opts: Opts) => {
        if (!opts.force) throw new InputError('locks release needs --force', { field: '--force' });
        if (!opts.reason)
          throw new InputError('locks release needs --reason', { field: '--reason' });
        await using rt = await openRuntime(configFlags(opts));
        const result = await forceReleaseLock(rt, key, opts.reason);
        if (opts.json) printJson(result);
        else
          say(
            `${key}: released (${result.removed ? `was held by ${result.removed.holder}` : 'was not held'}); store fence now ${result.fence}`,
          );
        return 0;
      }),
    );
}
