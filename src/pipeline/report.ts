/** The JSON shape of one grading run (SPEC section 7, `grade`). */
import type { IsoDate, LockMode, RunStatus, Trigger } from '../domain/types.js';

export interface GradeReport {
  runId: string;
  gameDate: IsoDate;
  trigger: Trigger;
  status: RunStatus;
  rowsWritten: number;
  rowsReplaced: number;
  rowsPlanned: number;
  sourceDuplicatesDropped: number;
  supersededLines: number;
  latePredictions: number;
  pendingGames: string[];
  duplicateKeys: number | null;
  lock: { key: string; fence: number | null; waitedMs: number | null; mode: LockMode };
  lockLostAfterCommit: boolean;
  durationMs: number;
  /** Present on a dry run: who holds the date's lease now, if anyone. */
  currentHolder?: { holder: string; runId: string; expiresAt: string } | null;
  /** Present when the run did not succeed. */
  error?: { code: number; message: string };
  /** Present when the store was unreachable and the run could only be logged to stderr. */
  ledger?: 'stderr_only';
}

/** An empty report for a run that is about to start. */
export function blankReport(
  runId: string,
  gameDate: IsoDate,
  trigger: Trigger,
  key: string,
  mode: LockMode,
): GradeReport {
  return {
    runId,
    gameDate,
    trigger,
    status: 'running',
    rowsWritten: 0,
    rowsReplaced: 0,
    rowsPlanned: 0,
    sourceDuplicatesDropped: 0,
    supersededLines: 0,
    latePredictions: 0,
    pendingGames: [],
    duplicateKeys: null,
    lock: { key, fence: null, waitedMs: null, mode },
    lockLostAfterCommit: false,
    durationMs: 0,
  };
}
