/** `propgrade init`: create or migrate the schema (idempotent, safe concurrently). */
import type { Command } from 'commander';
import { resolveConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { openStore } from '../../store/open.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';

export function registerInit(program: Command): void {
  withCommonOptions(catalogCommand(program, 'init')).action(
    action(async (opts: Record<string, unknown>) => {
      const config = resolveConfig(configFlags(opts));
      const store = await openStore(config.databaseUrl, { migrate: false });
      try {
        const { applied, guardWarning } = await store.migrate();
        if (guardWarning) createLogger(config.logLevel).warn(guardWarning);
        const result = {
          database: store.identity.redactedUrl,
          applied,
          guardInstalled: guardWarning === null,
        };
        if (opts.json) printJson(result);
        else
          say(
            `${result.database}: ${applied.length ? `applied migrations ${applied.join(', ')}` : 'schema up to date'}`,
          );
        return 0;
      } finally {
        await store.close();
      }
    }),
  );
}
