/**
 * A date's grading plan in two passes over one snapshot of its inputs. The first pass selects and
 * tallies (confidence scales, games, coverage, counts) and keeps the selected versions while
 * they fit the buffer; the second grades them batch by batch while the write consumes the rows,
 * from the buffer, or, for a date too large for it, by selecting again from the snapshot. Memory
 * then holds one batch of versions and one triple's candidates, never the whole date.
 */
import { Grader } from '../domain/grade.js';
import { DailyPerformanceBuilder } from '../domain/performance.js';
import { gameStartsFrom, type SelectionResult, SourceSelector } from '../domain/selection.js';
import { type PlanSummary, SelectionTally } from '../domain/selection-tally.js';
import { TripleRuns } from '../domain/triple-runs.js';
import type {
  DailyPerformance,
  GradedRow,
  IsoDate,
  LineMode,
  PredictionVersion,
} from '../domain/types.js';
import { InternalError } from '../errors.js';
import type { DateSnapshot, Store } from '../store/store.js';

/** Opens a date's snapshot, runs the first pass, and streams the graded rows on demand. */
export class DatePlanner {
  private readonly performanceRows = new DailyPerformanceBuilder();
  private rowsGraded = 0;

  private constructor(
    private readonly snapshot: DateSnapshot,
    private readonly options: PlannerOptions,
    /** The first pass's selection, batch by batch; null when it outgrew the buffer. */
    private readonly buffered: PredictionVersion[][] | null,
    /** What the grading will do, from the first pass. */
    readonly summary: PlanSummary,
  ) {}

  /** Open the date's snapshot and run the first pass. Close the planner when done. */
  static async open(
    store: Store,
    gameDate: IsoDate,
    options: PlannerOptions,
  ): Promise<DatePlanner> {
    const snapshot = await store.openDateSnapshot(gameDate);
    try {
      const tally = new SelectionTally();
      const buffered: PredictionVersion[][] | null =
        snapshot.versionCount <= options.bufferRows ? [] : null;
      for await (const piece of selectedPieces(snapshot, options)) {
        tally.add(piece);
        buffered?.push(piece.selected);
      }
      const summary = tally.summarise(gameDate, snapshot.actuals);
      return new DatePlanner(snapshot, options, buffered, summary);
    } catch (err) {
      await snapshot.close();
      throw err;
    }
  }

  /** Whether the second pass reads the snapshot again (the selection outgrew the buffer). */
  get rereads(): boolean {
    return this.buffered === null;
  }

  /** The second pass: graded rows batch by batch (consume once). */
  async *rows(): AsyncGenerator<GradedRow[]> {
    const { coverage, scale } = this.summary;
    const grader = new Grader(this.snapshot.actuals, coverage, scale);
    for await (const selected of this.secondPass()) {
      const rows = grader.grade(selected);
      this.performanceRows.add(rows);
      this.rowsGraded += rows.length;
      if (rows.length > 0) yield rows;
    }
    if (this.rowsGraded !== this.summary.rowsPlanned) {
      throw new InternalError(
        `grading ${this.summary.gameDate} produced ${this.rowsGraded} rows, the plan said ${this.summary.rowsPlanned}`,
      );
    }
  }

  private async *secondPass(): AsyncGenerator<readonly PredictionVersion[]> {
    if (this.buffered === null) {
      for await (const piece of selectedPieces(this.snapshot, this.options)) yield piece.selected;
      return;
    }
    for (const selected of this.buffered) {
      this.options.signal?.throwIfAborted();
      yield selected;
    }
  }

  /** Performance rows of every row the second pass produced. */
  performance(): DailyPerformance[] {
    return this.performanceRows.result();
  }

  /** End the snapshot. */
  close(): Promise<void> {
    return this.snapshot.close();
  }
}

/** How a date is planned. */
export interface PlannerOptions {
  lines: LineMode;
  /**
   * Largest date (in versions) whose selection is kept in memory between the passes
   * (Config.gradeBufferRows); a larger date is read twice, so it never holds the whole selection.
   */
  bufferRows: number;
  /** Aborts the passes (a lost lease). */
  signal?: AbortSignal;
}

/** The date's selection, one piece per batch of versions, each piece whole triples only. */
async function* selectedPieces(
  snapshot: DateSnapshot,
  options: PlannerOptions,
): AsyncGenerator<SelectionResult> {
  const selector = new SourceSelector(gameStartsFrom(snapshot.actuals), options.lines);
  const runs = new TripleRuns();
  for await (const batch of snapshot.versions()) {
    options.signal?.throwIfAborted();
    yield selectTriples(selector, runs.push(batch));
  }
  yield selectTriples(selector, runs.end());
}

function selectTriples(
  selector: SourceSelector,
  triples: Iterable<PredictionVersion[]>,
): SelectionResult {
  const piece: SelectionResult = {
    selected: [],
    sourceDuplicatesDropped: 0,
    supersededLines: 0,
    latePredictions: 0,
  };
  for (const triple of triples) {
    const result = selector.selectTriple(triple);
    for (const p of result.selected) piece.selected.push(p);
    piece.sourceDuplicatesDropped += result.sourceDuplicatesDropped;
    piece.supersededLines += result.supersededLines;
    piece.latePredictions += result.latePredictions;
  }
  return piece;
}
