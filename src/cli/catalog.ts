/**
 * The command catalog: every top-level command's name, one-line description and help term,
 * and how to load the module that defines it. `main` loads only the module of the command it
 * runs; the others appear in the top-level help as light stand-ins built from this table, so
 * `--version` and `--help` load no store, lock, server or Slack code at all.
 */
import type { Command } from 'commander';

/** Adds one fully defined command (options, subcommands, action) to the program. */
export type RegisterCommand = (program: Command) => void;

/** One top-level command as the catalog knows it. */
export interface CommandEntry {
  /** The command name (`propgrade <name>`). */
  readonly name: string;
  /** The one-line description, shown in the top-level help and the command's own. */
  readonly description: string;
  /** How the top-level help lists it, e.g. `grade [options]` (commander's subcommand term). */
  readonly term: string;
  /** Imports the module that defines the command. */
  readonly load: () => Promise<RegisterCommand>;
}

const entry = (
  name: string,
  description: string,
  load: () => Promise<RegisterCommand>,
  withOptions = true,
): CommandEntry => ({ name, description, term: withOptions ? `${name} [options]` : name, load });

/** Every top-level command, in help order. */
export const COMMANDS: readonly CommandEntry[] = [
  entry(
    'init',
    'create or migrate the schema',
    async () => (await import('./commands/init.js')).registerInit,
  ),
  entry(
    'ingest',
    'load a CSV or JSONL file (validated whole first; all-or-nothing)',
    async () => (await import('./commands/ingest.js')).registerIngest,
    false,
  ),
  entry(
    'grade',
    'grade one date by the write protocol',
    async () => (await import('./commands/grade.js')).registerGrade,
  ),
  entry(
    'backfill',
    'grade a range of dates, each under its own lease',
    async () => (await import('./commands/backfill.js')).registerBackfill,
  ),
  entry(
    'accuracy',
    'per-system accuracy over a range (pooled)',
    async () => (await import('./commands/accuracy.js')).registerAccuracy,
  ),
  entry(
    'demo',
    'grade a deterministic synthetic slate (embedded SQLite)',
    async () => (await import('./commands/demo.js')).registerDemo,
  ),
  entry(
    'locks',
    'inspect and operate locks',
    async () => (await import('./commands/locks.js')).registerLocks,
    false,
  ),
  entry(
    'import',
    'append graded rows brought from elsewhere, as they are',
    async () => (await import('./commands/import.js')).registerImport,
    false,
  ),
  entry(
    'export',
    'write graded rows with their column names',
    async () => (await import('./commands/export.js')).registerExport,
    false,
  ),
  entry(
    'report',
    'the investigation report: duplicates, their causes, overlapping and long runs',
    async () => (await import('./commands/report.js')).registerReport,
  ),
  entry(
    'dedupe',
    'back up, remove duplicate keys, verify, install the guard, recompute',
    async () => (await import('./commands/dedupe.js')).registerDedupe,
  ),
  entry(
    'restore',
    "roll a cleanup back: put a backup's dates back exactly as backed up",
    async () => (await import('./commands/restore.js')).registerRestore,
  ),
  entry(
    'backups',
    'list or prune cleanup backups',
    async () => (await import('./commands/backups.js')).registerBackups,
    false,
  ),
  entry(
    'serve',
    'HTTP trigger (POST /grade), Prometheus /metrics and the dashboard at /',
    async () => (await import('./commands/serve.js')).registerServe,
  ),
  entry(
    'validate',
    'the daily data-quality check (window: the last N days ending yesterday)',
    async () => (await import('./commands/validate.js')).registerValidate,
  ),
];

/** The catalog entry of a command name, if there is one. */
export function commandEntry(name: string | undefined): CommandEntry | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/**
 * Start a top-level command with the catalog's description (each command module calls this, so
 * the description lives in one place).
 */
export function catalogCommand(program: Command, name: string): Command {
  const known = commandEntry(name);
  if (!known) throw new Error(`command ${name} is missing from the catalog`);
  return program.command(name).description(known.description);
}
