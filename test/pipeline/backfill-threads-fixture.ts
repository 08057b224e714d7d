/**
 * Shared data and comparisons of the parallel-backfill tests: a small deterministic slate of
 * DATES (bench generator), the graded rows of a store without per-run columns, and backfill
 * reports without what differs between any two runs (ids, timings).
 */

import { writeBenchFiles } from '../../src/bench/data.js';
import type { AccuracyRow } from '../../src/domain/types.js';
import type { BackfillReport } from '../../src/pipeline/backfill.js';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';

/** The dates that have predictions; the backfill range starts one day earlier (no predictions). */
export const DATES = ['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05'];
/** The first date of the range: nothing to grade, so coverage refuses it (exit 2). */
export const EMPTY_DATE = '2025-11-30';

/** Write the slate's files into `dir`. */
export function writeSlate(dir: string) {
  return writeBenchFiles(dir, 'threads', DATES, 600, 7);
}

/** Ingest the slate into the store at `db` (a URL or file) through the CLI. */
export async function ingestSlate(db: string, dir: string): Promise<void> {
  const files = writeSlate(dir);
  for (const [kind, file] of [
    ['actuals', files.actualsFile],
    ['predictions', files.predictionsFile],
  ] as const) {
    const r = await runCli(['ingest', kind, file, '--db', db, '--json']);
    if (r.code !== 0) throw new Error(`ingest ${kind} exited ${r.code}: ${r.stderr}`);
  }
}

/** Every graded row of the store, without run id and grading time, in a stable order. */
export async function gradedRows(url: string): Promise<Omit<AccuracyRow, 'runId' | 'gradedAt'>[]> {
  const store = await openStore(url);
  try {
    const rows: Omit<AccuracyRow, 'runId' | 'gradedAt'>[] = [];
    for await (const batch of store.streamAccuracy({})) {
      for (const { runId: _r, gradedAt: _g, ...rest } of batch) rows.push(rest);
    }
    const key = (r: (typeof rows)[number]) =>
      `${r.gameDate}|${r.systemId}|${r.playerLookup}|${r.gameId}|${r.lineValue}`;
    return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  } finally {
    await store.close();
  }
}

/** A backfill report without run ids, durations and lock wait times. */
export function comparable(report: BackfillReport) {
  return {
    ...report,
    dates: report.dates.map(({ runId: _r, durationMs: _d, lock, ...rest }) => ({
      ...rest,
      lock: { ...lock, waitedMs: null },
    })),
  };
}
