/**
 * The command catalog behind lazy loading: the top-level help built from the catalog (no command
 * module loaded) must equal the help with every command loaded, each command's own help must be
 * the same whether it is loaded alone or with all the others, and every command module must be
 * in the catalog.
 */
import { readdirSync } from 'node:fs';
import { type Command, Help } from 'commander';
import { describe, expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/catalog.js';
import { buildProgram } from '../../src/cli/main.js';

function commandOf(program: Command, name: string): Command {
  const found = program.commands.find((cmd) => cmd.name() === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

describe('command catalog', () => {
  test('the top-level help from the catalog equals the help with every command loaded', async () => {
    const full = await buildProgram('all');
    const light = await buildProgram(['--help']);
    expect(light.helpInformation()).toBe(full.helpInformation());
    expect(light.commands.map((cmd) => cmd.name())).toEqual(COMMANDS.map((c) => c.name));
    expect(commandOf(light, 'grade').options).toEqual([]);
  });

  test.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    '%s: its catalog term and description match its definition, its help is the same alone',
    async (name, entry) => {
      const full = await buildProgram('all');
      const alone = await buildProgram([name, '--help']);
      const defined = commandOf(full, name);
      expect(new Help().subcommandTerm(defined)).toBe(entry.term);
      expect(defined.description()).toBe(entry.description);
      expect(commandOf(alone, name).helpInformation()).toBe(defined.helpInformation());
      expect(alone.helpInformation()).toBe(full.helpInformation());
    },
  );

  test('`help <command>` loads that command', async () => {
    const program = await buildProgram(['help', 'grade']);
    expect(commandOf(program, 'grade').options.map((o) => o.long)).toContain('--date');
  });

  test('every module in src/cli/commands is in the catalog', () => {
    const dir = new URL('../../src/cli/commands/', import.meta.url);
    const modules = readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.slice(0, -'.ts'.length))
      .sort();
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(modules);
  });
});
