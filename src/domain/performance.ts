/**
 * The figures of SPEC 3.4, one set of definitions for every output. Figures over any group of
 * rows (a date and system, or a whole range) are pooled sums and counts, never averages of rates.
 */
import { compareText } from './keys.js';
import type { DailyPerformance, PerformanceFigures, Recommendation } from './types.js';

/** The fields of a graded row that the figures read; GradedRow and AccuracyRow both fit. */
export interface PerformanceInput {
  /** NULL (an imported row without the flag) counts as not voided. */
  isVoided: boolean | null;
  recommendation: Recommendation;
  lineValue: number | null;
  actualPoints: number | null;
  predictionCorrect: boolean | null;
  absoluteError: number | null;
  signedError: number | null;
  within3Points: boolean | null;
  within5Points: boolean | null;
  /** NULL counts as 0. */
  profitUnits: number | null;
}

/** Compensated (Neumaier) sum, so pooled figures over millions of rows stay accurate. */
class PreciseSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  value(): number {
    return this.sum + this.compensation;
  }
}

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function isBet(recommendation: Recommendation): boolean {
  return recommendation === 'OVER' || recommendation === 'UNDER';
}

/** Pooled counts and sums of graded rows; `figures()` derives the rates of SPEC 3.4. */
export class PerformanceAccumulator {
  private readonly counts = {
    predictions: 0,
    voided: 0,
    correct: 0,
    incorrect: 0,
    pushes: 0,
    noLine: 0,
    overGraded: 0,
    overCorrect: 0,
    underGraded: 0,
    underCorrect: 0,
    errorRows: 0,
    within3: 0,
    within5: 0,
  };
  private readonly absoluteErrors = new PreciseSum();
  private readonly signedErrors = new PreciseSum();
  private readonly profit = new PreciseSum();

  /** Count one row. */
  add(row: PerformanceInput): void {
    const c = this.counts;
    c.predictions += 1;
    if (row.lineValue === null) c.noLine += 1;
    this.profit.add(row.profitUnits ?? 0);
    if (row.isVoided === true) {
      c.voided += 1;
      return;
    }
    this.addDecision(row);
    if (isBet(row.recommendation) && row.lineValue !== null && row.actualPoints === row.lineValue) {
      c.pushes += 1;
    }
    this.addErrors(row);
  }

  private addDecision(row: PerformanceInput): void {
    if (row.predictionCorrect === null) return;
    const c = this.counts;
    const won = row.predictionCorrect ? 1 : 0;
    c.correct += won;
    c.incorrect += 1 - won;
    if (row.recommendation === 'OVER') {
      c.overGraded += 1;
      c.overCorrect += won;
    } else if (row.recommendation === 'UNDER') {
      c.underGraded += 1;
      c.underCorrect += won;
    }
  }

  private addErrors(row: PerformanceInput): void {
    if (row.actualPoints === null || row.absoluteError === null || row.signedError === null) return;
    const c = this.counts;
    c.errorRows += 1;
    this.absoluteErrors.add(row.absoluteError);
    this.signedErrors.add(row.signedError);
    if (row.within3Points === true) c.within3 += 1;
    if (row.within5Points === true) c.within5 += 1;
  }

  /** The figures of every row added so far. */
  figures(): PerformanceFigures {
    const c = this.counts;
    const graded = c.correct + c.incorrect;
    const profitUnits = this.profit.value();
    return {
      predictions: c.predictions,
      graded,
      correct: c.correct,
      incorrect: c.incorrect,
      pushes: c.pushes,
      voided: c.voided,
      noLine: c.noLine,
      hitRate: rate(c.correct, graded),
      mae: rate(this.absoluteErrors.value(), c.errorRows),
      bias: rate(this.signedErrors.value(), c.errorRows),
      overGraded: c.overGraded,
      overCorrect: c.overCorrect,
      underGraded: c.underGraded,
      underCorrect: c.underCorrect,
      within3Rate: rate(c.within3, c.errorRows),
      within5Rate: rate(c.within5, c.errorRows),
      profitUnits,
      roi: rate(profitUnits, graded),
    };
  }
}

type DatedPerformanceInput = PerformanceInput & { gameDate: string; systemId: string };

/** Figures per (gameDate, systemId) of rows added piece by piece. */
export class DailyPerformanceBuilder {
  /** Accumulators per date, then per system. */
  private readonly groups = new Map<string, Map<string, PerformanceAccumulator>>();

  /** Count rows. */
  add(rows: Iterable<DatedPerformanceInput>): void {
    for (const row of rows) {
      this.accumulatorOf(row.gameDate, row.systemId).add(row);
    }
  }

  private accumulatorOf(gameDate: string, systemId: string): PerformanceAccumulator {
    const systems = this.groups.get(gameDate) ?? new Map<string, PerformanceAccumulator>();
    this.groups.set(gameDate, systems);
    const acc = systems.get(systemId) ?? new PerformanceAccumulator();
    systems.set(systemId, acc);
    return acc;
  }

  /** Figures of every row added so far, sorted by date then system. */
  result(): DailyPerformance[] {
    const out: DailyPerformance[] = [];
    for (const gameDate of [...this.groups.keys()].sort(compareText)) {
      const systems = this.groups.get(gameDate)!;
      for (const systemId of [...systems.keys()].sort(compareText)) {
        out.push({ gameDate, systemId, ...systems.get(systemId)!.figures() });
      }
    }
    return out;
  }
}

/** Figures per (gameDate, systemId), sorted by date then system. */
export function dailyPerformance(rows: readonly DatedPerformanceInput[]): DailyPerformance[] {
  const builder = new DailyPerformanceBuilder();
  builder.add(rows);
  return builder.result();
}
