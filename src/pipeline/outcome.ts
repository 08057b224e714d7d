/** Mapping a run's error to its ledger status, alert event and exit code. */
import type { AlertEvent } from '../alerts/sink.js';
import type { RunStatus } from '../domain/types.js';
import {
  CoverageRefusedError,
  type ExitCode,
  exitCodeFor,
  LockLostError,
  LockTimeoutError,
  primaryError,
  UnavailableError,
} from '../errors.js';

export interface FailureOutcome {
  status: RunStatus;
  event: AlertEvent | null;
  exitCode: ExitCode;
  message: string;
}

/** How a failed run is recorded and reported. */
export function failureOutcome(err: unknown): FailureOutcome {
  const e = primaryError(err);
  const exitCode = exitCodeFor(e);
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof CoverageRefusedError)
    return { status: 'refused_coverage', event: null, exitCode, message };
  if (e instanceof LockTimeoutError)
    return { status: 'lock_timeout', event: 'lock_timeout', exitCode, message };
  if (e instanceof UnavailableError)
    return { status: 'lock_unavailable', event: 'lock_unavailable', exitCode, message };
  if (e instanceof LockLostError) return { status: e.reason, event: e.reason, exitCode, message };
  return { status: 'failed', event: 'grading_failed', exitCode, message };
}
