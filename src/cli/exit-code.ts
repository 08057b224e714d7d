/**
 * The exit code the last command decided: process-wide state kept apart from `run.ts` so that
 * `main` reads it without loading the printing helpers (and their table library).
 */
import type { ExitCode } from '../errors.js';

let exitCode: ExitCode = 0;

/** The exit code the last command decided. */
export function lastExitCode(): ExitCode {
  return exitCode;
}

/** Reset before a new invocation (tests call main() several times in one process). */
export function resetExitCode(): void {
  exitCode = 0;
}

/** Record the exit code a command decided. */
export function setExitCode(code: ExitCode): void {
  exitCode = code;
}
