/**
 * Pass one of a streamed grading: the facts about a date's whole selection that grading any
 * single row depends on (the confidence scale, which games are pending, the coverage verdict),
 * gathered triple by triple without keeping the selected predictions.
 */
import { assessGames, type CoverageAssessment } from './coverage.js';
import { ConfidenceScale } from './grade.js';
import type { SelectionResult } from './selection.js';
import type { ActualRow, IsoDate } from './types.js';

/** What a date's grading will do, known before any row is graded. */
export interface PlanSummary {
  gameDate: IsoDate;
  /** Rows the grading writes: selected predictions of games that are not pending. */
  rowsPlanned: number;
  sourceDuplicatesDropped: number;
  supersededLines: number;
  latePredictions: number;
  coverage: CoverageAssessment;
  /** The confidence scale of every (system, date) of the selection. */
  scale: ConfidenceScale;
}

/** Accumulates selection results of a date, piece by piece. */
export class SelectionTally {
  private readonly scale = new ConfidenceScale();
  private readonly selectedPerGame = new Map<string, number>();
  private selected = 0;
  private duplicates = 0;
  private superseded = 0;
  private late = 0;

  /** Count one piece of the selection. */
  add(result: SelectionResult): void {
    for (const p of result.selected) {
      this.scale.add(p);
      this.selectedPerGame.set(p.gameId, (this.selectedPerGame.get(p.gameId) ?? 0) + 1);
    }
    this.selected += result.selected.length;
    this.duplicates += result.sourceDuplicatesDropped;
    this.superseded += result.supersededLines;
    this.late += result.latePredictions;
  }

  /** The summary against the date's actual rows. */
  summarise(gameDate: IsoDate, actuals: readonly ActualRow[]): PlanSummary {
    const coverage = assessGames(this.selectedPerGame.keys(), this.selected, actuals);
    let rowsPlanned = this.selected;
    for (const game of coverage.pendingGames) rowsPlanned -= this.selectedPerGame.get(game) ?? 0;
    return {
      gameDate,
      rowsPlanned,
      sourceDuplicatesDropped: this.duplicates,
      supersededLines: this.superseded,
      latePredictions: this.late,
      coverage,
      scale: this.scale,
    };
  }
}
