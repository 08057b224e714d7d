/**
 * The deterministic synthetic slate behind `propgrade demo`: `days` consecutive game dates of
 * games, box scores and prediction versions from six systems, as CSV text in the exact input
 * format of `ingest predictions` and `ingest actuals`. The same options always give the same
 * bytes; nothing reads Math.random or the clock.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IsoDate } from '../domain/types.js';
import { InputError } from '../errors.js';
import { addDays, dateRange, isIsoDate } from '../util/dates.js';
import { actualsCsv, predictionsCsv } from './csv.js';
import { generateDay } from './day.js';
import { buildLeague } from './roster.js';
import { type SlateStats, slateStats } from './stats.js';

/** The most dates one slate may span. */
export const MAX_SLATE_DAYS = 366;

/** What to generate. */
export interface SlateOptions {
  /** Number of consecutive game dates, 1 to MAX_SLATE_DAYS. */
  days: number;
  /** Any safe integer; the same seed gives byte-identical files. */
  seed: number;
  /** The last game date of the slate (the caller picks the default). */
  endDate: IsoDate;
}

/** A generated slate as CSV text. */
export interface GeneratedSlate {
  predictions: string;
  actuals: string;
  /** The slate's game dates, ascending. */
  dates: IsoDate[];
  stats: SlateStats;
}

/** Paths of a slate written to disk. */
export interface SlateFiles {
  predictionsCsv: string;
  actualsCsv: string;
  dates: IsoDate[];
  stats: SlateStats;
}

function checkOptions(opts: SlateOptions): void {
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > MAX_SLATE_DAYS) {
    throw new InputError(
      `--days must be an integer from 1 to ${MAX_SLATE_DAYS}, got ${opts.days}`,
      {
        field: 'days',
      },
    );
  }
  if (!Number.isSafeInteger(opts.seed)) {
    throw new InputError(`--seed must be an integer, got ${opts.seed}`, { field: 'seed' });
  }
  if (!isIsoDate(opts.endDate)) {
    throw new InputError(`the end date must be a real YYYY-MM-DD date, got ${opts.endDate}`, {
      field: 'endDate',
    });
  }
}

/**
 * Generate the slate. Exactly one game of the whole slate (the latest-starting game of the middle
 * date) is postponed, so no date falls below the coverage gate.
 */
export function generateSlate(opts: SlateOptions): GeneratedSlate {
  checkOptions(opts);
  const dates = dateRange(addDays(opts.endDate, 1 - opts.days), opts.endDate);
  const postponedDate = dates[Math.floor((dates.length - 1) / 2)];
  const league = buildLeague();
  const days = dates.map((date) => generateDay(date, opts.seed, league, date === postponedDate));
  return {
    predictions: predictionsCsv(days.flatMap((d) => d.predictions)),
    actuals: actualsCsv(days.flatMap((d) => d.playerGames)),
    dates,
    stats: slateStats(days),
  };
}

/** Generate the slate and write `predictions.csv` and `actuals.csv` into `dir` (created if needed). */
export async function writeSlate(dir: string, opts: SlateOptions): Promise<SlateFiles> {
  const slate = generateSlate(opts);
  await mkdir(dir, { recursive: true });
  const files = {
    predictionsCsv: join(dir, 'predictions.csv'),
    actualsCsv: join(dir, 'actuals.csv'),
  };
  await writeFile(files.predictionsCsv, slate.predictions, 'utf8');
  await writeFile(files.actualsCsv, slate.actuals, 'utf8');
  return { ...files, dates: slate.dates, stats: slate.stats };
}
