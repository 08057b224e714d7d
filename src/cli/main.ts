/** The `propgrade` command line: parse, call the pipeline, print. */
import { Command, CommanderError, Help } from 'commander';
import type { ExitCode } from '../errors.js';
import { COMMANDS, type CommandEntry, commandEntry } from './catalog.js';
import { lastExitCode, resetExitCode } from './exit-code.js';

/** Which commands to define fully: all of them, or only those an argument vector needs. */
export type ProgramScope = 'all' | readonly string[];

/**
 * Build the program. With `'all'` every command module is loaded; with an argument vector only
 * the module of the command it names (or asks help for) is, and the other commands are listed in
 * the top-level help from the catalog, exactly as their full definitions would list them.
 */
export async function buildProgram(scope: ProgramScope = 'all'): Promise<Command> {
  const program = new Command('propgrade')
    .description('Grade player-prop predictions against box scores, exactly once per game date.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  const wanted = scope === 'all' ? null : commandNamed(scope);
  const stubTerms = new WeakMap<Command, string>();
  const defaults = new Help();
  program.configureHelp({
    subcommandTerm: (cmd) => stubTerms.get(cmd) ?? defaults.subcommandTerm(cmd),
  });
  const loaded = await Promise.all(
    COMMANDS.map((entry) => (wanted === null || entry === wanted ? entry.load() : null)),
  );
  COMMANDS.forEach((entry, i) => {
    const register = loaded[i];
    if (register) register(program);
    else stubTerms.set(addStub(program, entry), entry.term);
  });
  return program;
}

/** The catalog entry an argument vector runs: its first word, or the word after `help`. */
function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  return commandEntry(words[0] === 'help' ? words[1] : words[0]);
}

/** A stand-in that only lists the command (name and description) in the top-level help. */
function addStub(program: Command, entry: CommandEntry): Command {
  return program.command(entry.name).description(entry.description);
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<ExitCode> {
  resetExitCode();
  const program = await buildProgram(argv);
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
