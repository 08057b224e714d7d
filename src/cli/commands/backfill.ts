/** `propgrade backfill --from D --to D`: each date under its own lease. */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { LINE_MODES, type LineMode } from '../../domain/types.js';
import { InputError } from '../../errors.js';
import { backfill } from '../../pipeline/backfill.js';
import { dateRange } from '../../util/dates.js';
import { catalogCommand } from '../catalog.js';
import {
  choiceOption,
  configFlags,
  parseDate,
  parsePositiveInt,
  withCommonOptions,
} from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';
import { describeRun } from './grade.js';

type Opts = Record<string, unknown> & {
  from: string;
  to: string;
  concurrency: number;
  resume?: boolean;
  stale?: boolean;
  force?: boolean;
  lines: LineMode;
};

export function registerBackfill(program: Command): void {
  withCommonOptions(catalogCommand(program, 'backfill'))
    .requiredOption('--from <date>', 'first date', parseDate)
    .requiredOption('--to <date>', 'last date', parseDate)
    .option('--concurrency <n>', 'dates graded at once', parsePositiveInt, 1)
    .option('--resume', 'skip dates graded successfully after their latest input change')
    .option('--stale', 'grade only dates whose inputs changed after their last successful grading')
    .option('--force', 'write even when the coverage gate refuses')
    .addOption(choiceOption('--lines <mode>', 'latest or all lines', LINE_MODES, 'latest'))
    .action(
      action(async (opts: Opts) => {
        if (opts.from > opts.to)
          throw new InputError(`--from ${opts.from} is after --to ${opts.to}`, { field: '--from' });
        await using rt = await openRuntime(configFlags(opts));
        const bar =
          process.stderr.isTTY && !opts.json
            ? new SingleBar({ format: 'grading {bar} {value}/{total} dates' })
            : null;
        bar?.start(dateRange(opts.from, opts.to).length, 0);
        const { report, exitCode } = await backfill(rt, {
          ...opts,
          onDate: () => bar?.increment(),
        });
        bar?.stop();
        if (opts.json) printJson(report);
        else {
          for (const r of report.dates) say(describeRun(r));
          const s = report.summary;
          say(
            `${s.succeeded} succeeded, ${s.failed} failed, ${s.refused} refused, ${s.skipped} skipped`,
          );
        }
        return exitCode;
      }),
    );
}
