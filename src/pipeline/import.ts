/**
 * `import accuracy FILE [--drop-guard]`: append graded rows brought from elsewhere, as they are.
 * The whole file is validated first; then, under the grading leases of its dates (sorted), one
 * fenced transaction appends the rows and recomputes those dates' performance. With the unique
 * guard installed, a key repeated within the file or already stored rejects the whole file
 * (exit 2, up to 20 keys named) unless `--drop-guard`, which drops the guard in the same
 * transaction (recorded in the guard state and the maintenance log) — only when the file needs it.
 */
import type { IsoDate } from '../domain/types.js';
import { InputError } from '../errors.js';
import type { InputFormat } from '../input/format.js';
import type { AccuracyKey } from '../store/store.js';
import { newOperationId, recomputePerformance, takeDateLeases } from './backups-leases.js';
import type { PipelineContext } from './context.js';
import { readAccuracyFile } from './import-file.js';
import { checkGameDates } from './ingest.js';

/** At most this many keys are named when a file is refused. */
export const KEYS_NAMED = 20;

export interface ImportOptions {
  dropGuard: boolean;
  format?: InputFormat;
}

/** The JSON of `import accuracy`. */
export interface ImportReport {
  file: string;
  sha256: string;
  rowsRead: number;
  rowsWritten: number;
  dates: IsoDate[];
  /** Keys with more than one row within the file. */
  repeatedKeysInFile: number;
  guardDropped: boolean;
  operationId: string;
}

/** `player/game/system/line on date`, for messages. */
export function describeKey(k: AccuracyKey): string {
  return `(${k.playerLookup}, ${k.gameId}, ${k.systemId}, ${k.lineValue ?? 'NULL'}) on ${k.gameDate}`;
}

function refusal(file: string, inFile: AccuracyKey[], stored: AccuracyKey[]): InputError {
  const named = [...inFile.map((k) => `${describeKey(k)} repeats in the file`)];
  for (const k of stored) named.push(`${describeKey(k)} is already stored`);
  const shown = named.slice(0, KEYS_NAMED);
  return new InputError(
    `${file}: the unique guard is installed and ${named.length > KEYS_NAMED ? 'more than 20' : named.length} key(s) would be duplicated; nothing was imported. Keys:\n  ${shown.join('\n  ')}\nUse --drop-guard to import them anyway (the guard stays dropped until dedupe cleans the table).`,
    { file },
  );
}

/** Import a file of graded rows. */
export async function importAccuracy(
  ctx: PipelineContext,
  file: string,
  opts: ImportOptions,
): Promise<ImportReport> {
  const parsed = await readAccuracyFile(file, { format: opts.format });
  for (const w of parsed.warnings) ctx.log.warn({ file }, w);
  await checkGameDates(ctx.store, file, parsed.rows);
  const dates = [...new Set(parsed.rows.map((r) => r.value.gameDate))].sort();
  const operationId = newOperationId('import');
  await using leases = await takeDateLeases(ctx, dates, operationId);
  const result = await ctx.store.appendAccuracy({
    fences: leases.fences,
    rows: parsed.rows.map((r) => r.value),
    rowsRepeatKeys: parsed.repeatedKeys.length > 0,
    allowGuardDrop: opts.dropGuard,
    recompute: recomputePerformance,
    checkLease: () => leases.checkLease(),
    log: { action: 'import', details: { operationId, file, sha256: parsed.sha256, dates } },
  });
  if (result.outcome === 'rejected') {
    const inFile = parsed.repeatedKeys.slice(0, KEYS_NAMED + 1).map((k) => k.key);
    throw refusal(file, inFile, result.collisions);
  }
  return {
    file,
    sha256: parsed.sha256,
    rowsRead: parsed.rowsRead,
    rowsWritten: result.rowsWritten,
    dates,
    repeatedKeysInFile: parsed.repeatedKeys.length,
    guardDropped: result.guardDropped,
    operationId,
  };
}
