/**
 * `ingest predictions|actuals FILE`: the whole file is validated first (by src/input), then its
 * game ids are checked against the store; bad input changes nothing. Predictions are written as
 * one staging batch and consolidated under the `consolidation_<date>` leases (consolidate.ts);
 * the batch registry makes a repeated batch a no-op. Actuals are upserted in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { IsoDate, LockMode } from '../domain/types.js';
import { InputError } from '../errors.js';
import { readActualsFile } from '../input/actuals.js';
import { readPredictionsFile } from '../input/predictions.js';
import { holderFor } from '../lock/keys.js';
import type { Store } from '../store/store.js';
import { type ConsolidateResult, consolidateBatch } from './consolidate.js';
import { type SweptBatch, sweepStaging } from './consolidate-sweep.js';
import type { PipelineContext } from './context.js';

/** What `ingest predictions` reports (SPEC section 7 plus the consolidation's own fields). */
export interface IngestPredictionsReport {
  batchId: string;
  rowsRead: number;
  versionsAdded: number;
  /** Versions of the batch already stored (delivered before by another batch): one version each. */
  versionsAlreadyStored: number;
  duplicatesInFile: number;
  withdrawn: number;
  /** Dates merged by this call under their consolidation leases (none when already merged). */
  datesConsolidated: IsoDate[];
  /** `already_merged`: this batch id with this content was merged before; nothing changed. */
  status: 'merged' | 'already_merged';
  /** Dates whose versions or is_active changed. */
  datesTouched: IsoDate[];
  /** True when `--keep-staging` kept the batch's staging rows after the merge. */
  stagingKept: boolean;
  /** The lock backend the consolidation leases came from (`none` with `--lock none`). */
  lockMode: LockMode;
  /** The fence each date was written with. */
  fences: { gameDate: IsoDate; fence: number }[];
  /** Abandoned batches of other producers that this ingest swept. */
  sweptBatches: SweptBatch[];
  /** Batches kept in staging after a refused merge (status failed). */
  failedBatches: string[];
}

/** Options of `ingest predictions`. */
export interface IngestPredictionsOptions {
  batchId?: string;
  format?: 'csv' | 'jsonl';
  keepStaging?: boolean;
}

/** What `ingest actuals` reports (SPEC section 7). */
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

/** Ingest a predictions file: stage it as one batch, then consolidate it (see consolidate.ts). */
export async function ingestPredictions(
  ctx: PipelineContext,
  file: string,
  opts: IngestPredictionsOptions = {},
): Promise<IngestPredictionsReport> {
  const parsed = await readPredictionsFile(file, { format: opts.format });
  for (const w of parsed.warnings) ctx.log.warn({ file }, w);
  await checkGameDates(ctx.store, file, parsed.versions);
  const runId = randomUUID();
  const staged = await ctx.store.stageBatch({
    batchId: batchIdOf(opts.batchId, parsed.sha256),
    sha256: parsed.sha256,
    holder: holderFor(runId),
    versions: parsed.versions.map((v) => v.value),
  });
  const { batch } = staged;
  if (staged.outcome === 'resumed') ctx.log.info({ batchId: batch.batchId }, 'resuming a batch');
  const merged =
    staged.outcome === 'already_merged'
      ? null
      : await consolidateBatch(ctx, batch, { runId, keepStaging: opts.keepStaging });
  const sweep = await sweepStaging(ctx, { runId, except: batch.batchId });
  return {
    batchId: batch.batchId,
    rowsRead: parsed.rowsRead,
    versionsAdded: merged?.versionsAdded ?? 0,
    versionsAlreadyStored: merged ? batch.rows - merged.versionsAdded : 0,
    duplicatesInFile: parsed.duplicatesInFile,
    withdrawn: parsed.withdrawn,
    ...mergeFields(ctx, batch.dates, merged, opts.keepStaging ?? false),
    ...sweep,
  };
}

function mergeFields(
  ctx: PipelineContext,
  dates: IsoDate[],
  merged: ConsolidateResult | null,
  keepStaging: boolean,
) {
  const done = merged?.outcome === 'merged';
  return {
    datesConsolidated: done ? dates : [],
    status: done ? ('merged' as const) : ('already_merged' as const),
    datesTouched: merged?.datesTouched ?? [],
    stagingKept: done && keepStaging,
    lockMode: merged?.lockMode ?? ctx.lockMode,
    fences: merged?.fences ?? [],
  };
}

/** The batch id: the given one (trimmed, not empty) or the file's SHA-256. */
export function batchIdOf(given: string | undefined, sha256: string): string {
  if (given === undefined) return sha256;
  const id = given.trim();
  if (id === '' || id.length > 200) {
    throw new InputError('--batch-id must be 1 to 200 characters', { field: '--batch-id' });
  }
  return id;
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
