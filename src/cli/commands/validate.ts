/** `propgrade validate [--date D | --days N] [--strict]`: the daily data-quality check. */
import type { Command } from 'commander';
import { type ValidateReport, validate } from '../../pipeline/validate.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, parseDate, parsePositiveInt, withCommonOptions } from '../options.js';
import { printJson, say, table } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & { date?: string; days?: number; strict?: boolean };

/** The checks as a table, then what to run next and what became of the alert. */
export function describeValidation(report: ValidateReport): string {
  const rows = report.checks.map((c) => [c.name, c.status.toUpperCase(), c.count, c.summary]);
  const lines = [
    `validate ${report.from}..${report.to}: ${report.status.toUpperCase()}`,
    table(['check', 'status', 'count', 'summary'], rows),
  ];
  for (const c of report.checks.filter((c) => c.nextCommand !== null))
    lines.push(`next for ${c.name}: ${c.nextCommand}`);
  if (report.alert) lines.push(`alert ${report.alert.fingerprint}: ${report.alert.outcome}`);
  return lines.join('\n');
}

export function registerValidate(program: Command): void {
  withCommonOptions(catalogCommand(program, 'validate'))
    .option('--date <date>', 'validate one date instead of a window', parseDate)
    .option('--days <n>', 'the last N days ending yesterday (default 7)', parsePositiveInt)
    .option('--strict', 'exit 1 on warnings too')
    .action(
      action(async (opts: Opts) => {
        await using rt = await openRuntime(configFlags(opts));
        const { report, exitCode } = await validate(rt, {
          date: opts.date,
          days: opts.days,
          strict: opts.strict === true,
        });
        if (opts.json) printJson(report);
        else say(describeValidation(report));
        return exitCode;
      }),
    );
}
