/** `propgrade grade --date D`: one date by the write protocol. */
import type { Command } from 'commander';
import { LINE_MODES, type LineMode, TRIGGERS, type Trigger } from '../../domain/types.js';
import { gradeDate } from '../../pipeline/grade.js';
import type { GradeReport } from '../../pipeline/report.js';
import { catalogCommand } from '../catalog.js';
import { choiceOption, configFlags, parseDate, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & {
  date: string;
  trigger: Trigger;
  triggerSource?: string;
  noWait?: boolean;
  wait?: string | boolean;
  dryRun?: boolean;
  force?: boolean;
  lines: LineMode;
};

/** One line per run for people. */
export function describeRun(r: GradeReport): string {
  const lock =
    r.lock.mode === 'none'
      ? 'no lock'
      : `lease ${r.lock.key} fence ${r.lock.fence ?? '—'} after ${r.lock.waitedMs ?? 0} ms`;
  const counts = `${r.rowsWritten} rows written (${r.rowsReplaced} replaced, ${r.rowsPlanned} planned), ${r.sourceDuplicatesDropped} source duplicates dropped, ${r.supersededLines} superseded lines, ${r.latePredictions} late`;
  const pending = r.pendingGames.length ? `; pending games ${r.pendingGames.join(', ')}` : '';
  const dups = r.duplicateKeys ? `; ${r.duplicateKeys} DUPLICATE KEYS after write` : '';
  const err = r.error ? `: ${r.error.message}` : '';
  return `${r.gameDate} ${r.status}${err} — ${counts}; ${lock}${pending}${dups} [run ${r.runId}, ${r.durationMs} ms]`;
}

export function registerGrade(program: Command): void {
  withCommonOptions(catalogCommand(program, 'grade'))
    .requiredOption('--date <date>', 'game date YYYY-MM-DD', parseDate)
    .addOption(choiceOption('--trigger <trigger>', 'what started this run', TRIGGERS, 'manual'))
    .option('--trigger-source <text>', 'free text recorded in the ledger')
    .option('--no-wait', 'try the lease once instead of waiting')
    .option('--dry-run', 'plan only: no lease, no table changes, one dry_run ledger row')
    .option('--force', 'write even when the coverage gate refuses')
    .addOption(
      choiceOption(
        '--lines <mode>',
        'grade the latest line per player/game/system or every line',
        LINE_MODES,
        'latest',
      ),
    )
    .action(
      action(async (opts: Opts) => {
        const noWait = opts.wait === false;
        await using rt = await openRuntime(
          configFlags({ ...opts, wait: typeof opts.wait === 'string' ? opts.wait : undefined }),
        );
        const { report, exitCode } = await gradeDate(rt, {
          gameDate: opts.date,
          trigger: opts.trigger,
          triggerSource: opts.triggerSource ?? 'cli',
          noWait,
          dryRun: opts.dryRun,
          force: opts.force,
          lines: opts.lines,
        });
        if (opts.json) printJson(report);
        else say(describeRun(report));
        return exitCode;
      }),
    );
}
