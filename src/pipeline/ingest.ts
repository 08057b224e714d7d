/**
 * `ingest predictions|actuals FILE`: the whole file is validated first (by src/input), then its
 * game ids are checked against the store, then it is written in one transaction. Bad input
 * changes nothing.
 */

import type { IsoDate } from '../domain/types.js';
import { InputError } from '../errors.js';
import { readActualsFile } from '../input/actuals.js';
import { readPredictionsFile } from '../input/predictions.js';
import type { Store } from '../store/store.js';
import type { PipelineContext } from './context.js';

export interface IngestPredictionsReport {
  batchId: string;
  rowsRead: number;
  versionsAdded: number;
  duplicatesInFile: number;
  withdrawn: number;
  datesConsolidated: IsoDate[];
}

export interface IngestActualsReport {
  rowsRead: number;
  inserted: number;
  updated: number;
}

type Located = { line: number; value: { gameId: string; gameDate: IsoDate } };

/** Reject a game id the store holds under another date, naming the file and line. */
export async function checkGameDates(
  store: Store,
  file: string,
  records: readonly Located[],
): Promise<void> {
  const stored = await store.knownGameDates(records.map((r) => r.value.gameId));
  for (const r of records) {
    const date = stored.get(r.value.gameId);
    if (date !== undefined && date !== r.value.gameDate) {
      throw new InputError(
        `${file}:${r.line}: field "game_id": game "${r.value.gameId}" is stored under ${date}, this row says ${r.value.gameDate}`,
        { file, line: r.line, field: 'game_id' },
      );
    }
  }
}

/** Ingest a predictions file as one batch of versions. */
export async function ingestPredictions(
  ctx: PipelineContext,
  file: string,
  opts: { batchId?: string; format?: 'csv' | 'jsonl' } = {},
): Promise<IngestPredictionsReport> {
  const parsed = await readPredictionsFile(file, { format: opts.format });
  for (const w of parsed.warnings) ctx.log.warn({ file }, w);
  await checkGameDates(ctx.store, file, parsed.versions);
  const batchId = opts.batchId ?? parsed.sha256;
  const result = await ctx.store.ingestPredictions(
    parsed.versions.map((v) => v.value),
    batchId,
  );
  return {
    batchId,
    rowsRead: parsed.rowsRead,
    versionsAdded: result.versionsAdded,
    duplicatesInFile: parsed.duplicatesInFile,
    withdrawn: parsed.withdrawn,
    datesConsolidated: result.datesTouched,
  };
}

/** Ingest an actuals file (upsert by player and game). */
export async function ingestActuals(
  ctx: PipelineContext,
  file: string,
  opts: { format?: 'csv' | 'jsonl' } = {},
): Promise<IngestActualsReport> {
  const parsed = await readActualsFile(file, { format: opts.format });
  for (const w of parsed.warnings) ctx.log.warn({ file }, w);
  await checkGameDates(ctx.store, file, parsed.rows);
  const result = await ctx.store.upsertActuals(parsed.rows.map((r) => r.value));
  return { rowsRead: parsed.rowsRead, inserted: result.inserted, updated: result.updated };
}
