/**
 * Reading a predictions file (CSV or JSONL) into validated prediction versions. The whole file
 * is validated before anything is returned; problems name the file, line and field.
 *
 * The same (business key, created_at) twice in a file is one version: the later row is kept
 * (whatever else it says, including another prediction_id), and each repeat is counted in
 * `duplicatesInFile`; repeats that differ in other fields are also named in one warning.
 */
import type { PredictionVersion } from '../domain/types.js';
import type { InputError } from '../errors.js';
import { GameDates } from './game-dates.js';
import { PREDICTION_SCHEMA, type PredictionRecord, toPredictionRecord } from './prediction-row.js';
import { fieldError } from './problems.js';
import { type ReadInputOptions, readRows } from './read-rows.js';

export type { ReadInputOptions } from './read-rows.js';

/** A validated predictions file. */
export interface PredictionsFile {
  file: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  /** Data records read (repeats included). */
  rowsRead: number;
  /** One entry per distinct version, in order of first appearance; `line` is the kept row's. */
  versions: { line: number; value: PredictionVersion }[];
  /** Rows that repeated an earlier row's (business key, created_at). */
  duplicatesInFile: number;
  /** Versions with is_active=false. */
  withdrawn: number;
  warnings: string[];
}

const VERSION_FIELDS = [
  'predictionId',
  'gameDate',
  'predictedPoints',
  'confidenceScore',
  'recommendation',
  'modelVersion',
  'oddsAmerican',
  'isWithdrawn',
] as const satisfies readonly (keyof PredictionVersion)[];

/** Collects versions: repeats, prediction_id reuse and game dates. */
class VersionCollector {
  readonly byKey = new Map<string, { line: number; value: PredictionVersion }>();
  private readonly keyById = new Map<string, string>();
  private readonly gameDates: GameDates;
  duplicates = 0;
  differingDuplicateLines: number[] = [];

  constructor(private readonly file: string) {
    this.gameDates = new GameDates(file);
  }

  /** Add one row's version; returns the problem instead when it conflicts with earlier rows. */
  add(line: number, { value, idGiven, versionId: key }: PredictionRecord): InputError | null {
    const conflict =
      this.gameDates.check(value.gameId, value.gameDate, line) ??
      (idGiven ? this.idConflict(line, value, key) : null);
    if (conflict) return conflict;
    const earlier = this.byKey.get(key);
    if (earlier) {
      this.duplicates += 1;
      if (VERSION_FIELDS.some((f) => earlier.value[f] !== value[f]))
        this.differingDuplicateLines.push(line);
    }
    this.byKey.set(key, { line, value });
    return null;
  }

  /** A prediction_id given to two versions (derived ids follow the key, so they are not tracked). */
  private idConflict(line: number, value: PredictionVersion, key: string): InputError | null {
    const owner = this.keyById.get(value.predictionId);
    if (owner === undefined) this.keyById.set(value.predictionId, key);
    if (owner === undefined || owner === key) return null;
    const what = 'prediction_id already used by another version in this file';
    return fieldError(this.file, line, 'prediction_id', what, value.predictionId);
  }
}

function duplicateWarning(file: string, lines: readonly number[]): string[] {
  if (lines.length === 0) return [];
  const listed = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', …' : '');
  return [
    `${file}: ${lines.length} rows repeat an earlier (business key, created_at) with other values; the later row was kept (lines ${listed})`,
  ];
}

/** Read and validate a predictions file; InputError (exit 2) on any problem. */
export async function readPredictionsFile(
  path: string,
  opts: ReadInputOptions = {},
): Promise<PredictionsFile> {
  const versions = new VersionCollector(path);
  const summary = await readRows(path, opts, {
    schema: PREDICTION_SCHEMA,
    build: toPredictionRecord,
    accept: (line, value) => versions.add(line, value),
  });
  const kept = [...versions.byKey.values()];
  return {
    file: path,
    ...summary,
    versions: kept,
    duplicatesInFile: versions.duplicates,
    withdrawn: kept.filter((v) => v.value.isWithdrawn).length,
    warnings: [...summary.warnings, ...duplicateWarning(path, versions.differingDuplicateLines)],
  };
}
