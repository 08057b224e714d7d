/** The `propgrade` command line: parse, call the pipeline, print. */
import { Command, CommanderError } from 'commander';
import type { ExitCode } from '../errors.js';
import { registerAccuracy } from './commands/accuracy.js';
import { registerBackfill } from './commands/backfill.js';
import { registerBackups } from './commands/backups.js';
import { registerDedupe } from './commands/dedupe.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerGrade } from './commands/grade.js';
import { registerImport } from './commands/import.js';
import { registerIngest } from './commands/ingest.js';
import { registerInit } from './commands/init.js';
import { registerLocks } from './commands/locks.js';
import { registerReport } from './commands/report.js';
import { registerRestore } from './commands/restore.js';
import { registerServe } from './commands/serve.js';
import { registerValidate } from './commands/validate.js';
import { lastExitCode, resetExitCode } from './run.js';

/** Build the program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('propgrade')
    .description('Grade player-prop predictions against box scores, exactly once per game date.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerInit,
    registerIngest,
    registerGrade,
    registerBackfill,
    registerAccuracy,
    registerDemo,
    registerLocks,
    registerImport,
    registerExport,
    registerReport,
    registerDedupe,
    registerRestore,
    registerBackups,
    registerServe,
    registerValidate,
  ]) {
    register(program);
  }
  return program;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<ExitCode> {
  resetExitCode();
  const program = buildProgram();
  overrideExits(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
        err.code,
      );
      return benign ? 0 : 2;
    }
    throw err;
  }
  return lastExitCode();
}

function overrideExits(cmd: Command): void {
  for (const sub of cmd.commands) {
    sub.exitOverride();
    overrideExits(sub);
  }
}
