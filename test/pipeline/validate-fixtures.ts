/**
 * Inputs for the validate tests, written as real CSV files and loaded through the CLI: a slate of
 * one date (N players in one game, two systems), its actuals, and helpers that run validate and
 * read one check out of its JSON.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, todayIn } from '../../src/util/dates.js';
import { type CliResult, jsonOf, runCli } from '../helpers/cli.js';

/** The validate JSON as the tests read it. */
export interface ValidateJson {
  status: string;
  from: string;
  to: string;
  checks: {
    name: string;
    status: string;
    count: number;
    details: Record<string, unknown>;
    nextCommand: string | null;
  }[];
  validationId: string | null;
  alert: { fingerprint: string; outcome: string; attempts: number } | null;
  abandonedRuns: string[];
}

/** Yesterday (or `days` before today) in the tests' time zone. */
export function daysAgo(days: number, timeZone = 'America/New_York'): string {
  return addDays(todayIn(timeZone), -days);
}

const players = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `player_${String(from + i).padStart(3, '0')}`);

/** Write a predictions CSV for the dates: players `from..from+count-1`, systems sys_a and sys_b. */
export function predictionsFile(
  dir: string,
  dates: string | string[],
  count: number,
  from = 0,
): string {
  const lines = [
    'system_id,player_lookup,game_id,game_date,line_value,predicted_points,recommendation,confidence_score,created_at',
  ];
  for (const date of [dates].flat())
    for (const player of players(from, count))
      for (const system of ['sys_a', 'sys_b'])
        lines.push(`${system},${player},G_${date},${date},20.5,22,OVER,0.6,${date}T12:00:00Z`);
  return write(dir, 'predictions', lines);
}

/** Write an actuals CSV for the dates (every player scores `points`). */
export function actualsFile(
  dir: string,
  dates: string | string[],
  count: number,
  from = 0,
  points = 25,
): string {
  const lines = ['player_lookup,game_id,game_date,points,minutes_played'];
  for (const date of [dates].flat())
    for (const player of players(from, count))
      lines.push(`${player},G_${date},${date},${points},30`);
  return write(dir, 'actuals', lines);
}

let written = 0;
function write(dir: string, kind: string, lines: string[]): string {
  const file = join(dir, `${kind}-${written++}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Run a CLI command that must succeed. */
export async function ok(args: string[], env?: Record<string, string>): Promise<CliResult> {
  const result = await runCli(args, { env });
  if (result.code !== 0)
    throw new Error(`propgrade ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result;
}

/** Ingest predictions and actuals of `count` players (from player `from`) for the dates. */
export async function ingestSlate(
  db: string,
  dir: string,
  dates: string | string[],
  count: number,
  opts: { actuals?: boolean; from?: number } = {},
) {
  await ok(['ingest', 'predictions', predictionsFile(dir, dates, count, opts.from), '--db', db]);
  if (opts.actuals !== false)
    await ok(['ingest', 'actuals', actualsFile(dir, dates, count, opts.from), '--db', db]);
}

/** `validate --json` with the given window arguments; the parsed report and the exit code. */
export async function validateJson(db: string, args: string[], env?: Record<string, string>) {
  const result = await runCli(['validate', ...args, '--db', db, '--json'], { env });
  return { code: result.code, report: jsonOf<ValidateJson>(result), stderr: result.stderr };
}

/** One check of a report. */
export function check(report: ValidateJson, name: string) {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check ${name} in ${JSON.stringify(report)}`);
  return found;
}
