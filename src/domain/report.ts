/**
 * The investigation report's row pass (SPEC section 7), pure: graded rows stream through a
 * {@link KeyTally}, which keeps a small state per NULL-safe business key — rows per date, the
 * run ids and graded_at values seen, and the row a cleanup keeps — never the rows themselves.
 *
 * The keep order, shared with `dedupe` so that "without duplicates" is exactly what
 * `dedupe --keep earliest` leaves: graded_at, then run_id, then prediction_id (NULL first, text in
 * code-unit order), then the row's figures as text (so rows that would change a figure are never
 * picked by chance); rows equal in all of these are interchangeable for every figure.
 *
 * Keys are the business key's parts joined by NUL, which no stored identifier can hold (the input
 * layer refuses NUL bytes and PostgreSQL text cannot store them): cheaper than JSON per row.
 */
import { compareText, lineKey, timestampMs } from './keys.js';
import type { AccuracyRow, IsoDate, IsoTimestamp } from './types.js';

export const KEEP_MODES = ['earliest', 'latest'] as const;
/** Which row of a duplicated key a cleanup keeps. */
export type KeepMode = (typeof KEEP_MODES)[number];

/** A row's figures outcome: a decided bet (SPEC 3.4 `graded`) won or lost, or not a decided bet. */
export type Outcome = 'correct' | 'incorrect' | null;

/** What decides which row of a key is kept. */
export interface KeepCandidate {
  gradedAt: IsoTimestamp;
  runId: string | null;
  predictionId: string | null;
  /** The row's figures (the inputs of SPEC 3.4) as text: the last tie-break. */
  figures: string;
}

/** The candidate of a row that is kept, with its outcome. */
export interface KeptRow extends KeepCandidate {
  outcome: Outcome;
}

/** The outcome of a row, as PerformanceAccumulator counts it (voided rows are never graded). */
export function outcomeOf(row: Pick<AccuracyRow, 'isVoided' | 'predictionCorrect'>): Outcome {
  if (row.isVoided === true || row.predictionCorrect === null) return null;
  return row.predictionCorrect ? 'correct' : 'incorrect';
}

const SEP = '\u0000';

/** The NULL-safe business key of a row as one text: player, game, system, line joined by NUL. */
export function tallyKey(
  row: Pick<AccuracyRow, 'playerLookup' | 'gameId' | 'systemId' | 'lineValue'>,
): string {
  return `${row.playerLookup}${SEP}${row.gameId}${SEP}${row.systemId}${SEP}${lineKey(row.lineValue)}`;
}

/** The parts of a tally key. */
export function splitTallyKey(key: string): {
  playerLookup: string;
  gameId: string;
  systemId: string;
  lineValue: number | null;
} {
  const [playerLookup = '', gameId = '', systemId = '', line = 'NULL'] = key.split(SEP);
  return { playerLookup, gameId, systemId, lineValue: line === 'NULL' ? null : Number(line) };
}

/** The (player, game, system) part of a tally key. */
function tripleOf(key: string): string {
  return key.slice(0, key.lastIndexOf(SEP));
}

/** The figures of a row (the inputs of SPEC 3.4 that differ between rows of one key) as text. */
function figuresText(r: AccuracyRow): string {
  return `${r.isVoided}|${r.predictionCorrect}|${r.recommendation}|${r.actualPoints}|${r.absoluteError}|${r.signedError}|${r.within3Points}|${r.within5Points}|${r.profitUnits}`;
}

/** The keep candidate of a row. */
export function keepCandidateOf(row: AccuracyRow): KeptRow {
  const figures = figuresText(row);
  return {
    gradedAt: row.gradedAt,
    runId: row.runId,
    predictionId: row.predictionId,
    figures,
    outcome: outcomeOf(row),
  };
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareText(a, b);
}

/** The keep order: negative when `a` comes first. */
export function compareKeepOrder(a: KeepCandidate, b: KeepCandidate): number {
  return (
    Math.sign(timestampMs(a.gradedAt) - timestampMs(b.gradedAt)) ||
    compareNullable(a.runId, b.runId) ||
    compareNullable(a.predictionId, b.predictionId) ||
    compareText(a.figures, b.figures)
  );
}

/** True when `challenger` is kept instead of `kept` (ties keep the row seen first). */
export function replacesKept(
  challenger: KeepCandidate,
  kept: KeepCandidate,
  mode: KeepMode,
): boolean {
  const order = compareKeepOrder(challenger, kept);
  return mode === 'earliest' ? order < 0 : order > 0;
}

/** The tally of one business key. */
export interface KeyState {
  /** The key's first date seen; `rowsByDate` is null while every row is on it. */
  gameDate: IsoDate;
  rowsByDate: Map<IsoDate, number> | null;
  systemId: string;
  lineIsNull: boolean;
  rows: number;
  firstRunId: string | null;
  multipleRuns: boolean;
  /** Some row has no run id, or one the ledger does not know. */
  unknownRun: boolean;
  firstGradedAt: IsoTimestamp;
  gradedAtDiffers: boolean;
  /** The row `dedupe --keep earliest` keeps. */
  earliest: KeptRow;
}

/** Rows of a key per date. */
export function keyRowsByDate(state: KeyState): [IsoDate, number][] {
  return state.rowsByDate ? [...state.rowsByDate] : [[state.gameDate, state.rows]];
}

/** Per-key and per-system state of a stream of graded rows. */
export class KeyTally {
  readonly keys = new Map<string, KeyState>();
  /** (player, game, system) → the number of its distinct lines (its keys). */
  readonly linesPerTriple = new Map<string, number>();
  /** Per system over every row: decided bets and wins. */
  readonly withDuplicates = new Map<string, { graded: number; correct: number }>();
  rows = 0;
  nullLineRows = 0;

  /** `knownRuns`: the ledger's run ids (a row whose run is not among them is of unknown origin). */
  constructor(private readonly knownRuns: ReadonlySet<string>) {}

  /** Count one row. */
  add(row: AccuracyRow): void {
    this.rows += 1;
    if (row.lineValue === null) this.nullLineRows += 1;
    this.countOutcome(row.systemId, outcomeOf(row));
    const key = tallyKey(row);
    const state = this.keys.get(key);
    if (state !== undefined) {
      this.addTo(state, row);
      return;
    }
    this.keys.set(key, this.newState(row));
    const triple = tripleOf(key);
    this.linesPerTriple.set(triple, (this.linesPerTriple.get(triple) ?? 0) + 1);
  }

  private countOutcome(systemId: string, outcome: Outcome): void {
    let counts = this.withDuplicates.get(systemId);
    if (counts === undefined) {
      counts = { graded: 0, correct: 0 };
      this.withDuplicates.set(systemId, counts);
    }
    if (outcome !== null) counts.graded += 1;
    if (outcome === 'correct') counts.correct += 1;
  }

  private isUnknown(runId: string | null): boolean {
    return runId === null || !this.knownRuns.has(runId);
  }

  private newState(row: AccuracyRow): KeyState {
    return {
      gameDate: row.gameDate,
      rowsByDate: null,
      systemId: row.systemId,
      lineIsNull: row.lineValue === null,
      rows: 1,
      firstRunId: row.runId,
      multipleRuns: false,
      unknownRun: this.isUnknown(row.runId),
      firstGradedAt: row.gradedAt,
      gradedAtDiffers: false,
      earliest: keepCandidateOf(row),
    };
  }

  private addTo(state: KeyState, row: AccuracyRow): void {
    if (row.gameDate !== state.gameDate || state.rowsByDate) {
      state.rowsByDate ??= new Map([[state.gameDate, state.rows]]);
      state.rowsByDate.set(row.gameDate, (state.rowsByDate.get(row.gameDate) ?? 0) + 1);
    }
    state.rows += 1;
    if (row.runId !== state.firstRunId) state.multipleRuns = true;
    if (this.isUnknown(row.runId)) state.unknownRun = true;
    if (timestampMs(row.gradedAt) !== timestampMs(state.firstGradedAt))
      state.gradedAtDiffers = true;
    const candidate = keepCandidateOf(row);
    if (replacesKept(candidate, state.earliest, 'earliest')) state.earliest = candidate;
  }
}
