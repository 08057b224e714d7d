/** The one place where a command's error becomes a message and an exit code. */
import { type ExitCode, exitCodeFor, InputError, primaryError } from '../errors.js';
import { setExitCode } from './exit-code.js';
import { printJson } from './output.js';

function describe(err: unknown): string {
  const e = primaryError(err);
  return e instanceof Error ? e.message : String(e);
}

/** Wrap a command action: its returned code or its error's mapped code becomes the exit code. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<ExitCode>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const json = args.some(
      (a) => a !== null && typeof a === 'object' && (a as { json?: unknown }).json === true,
    );
    try {
      setExitCode(await fn(...args));
    } catch (err) {
      const exitCode = exitCodeFor(err);
      setExitCode(exitCode);
      const e = primaryError(err);
      const where = e instanceof InputError ? e.where : undefined;
      if (json)
        printJson({
          error: {
            code: exitCode,
            type: (e as Error)?.name ?? 'Error',
            message: describe(err),
            where,
          },
        });
      process.stderr.write(`propgrade: ${describe(err)}\n`);
      if (exitCode === 6 && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    }
  };
}
