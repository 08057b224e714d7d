/** The volume rules as pure arithmetic over counts (integers compared without rounding). */
import type { IsoDate } from '../../domain/types.js';

/** Fewer usable history dates than this: the median test is skipped. */
export const MIN_HISTORY_DATES = 7;

/** One graded date's volume and the graded volumes of its previous prediction dates. */
export interface DateVolume {
  gameDate: IsoDate;
  gradedRows: number;
  /** Selected predictions outside pending games. */
  selected: number;
  /** Graded rows of previous dates with predictions (never-graded ones left out). */
  history: number[];
}

/** Why a date's volume is unusual. */
export const VOLUME_REASONS = ['below_selected', 'below_median', 'above_median'] as const;
export type VolumeReason = (typeof VOLUME_REASONS)[number];

/** A date with unusual volume. */
export interface VolumeIssue {
  gameDate: IsoDate;
  gradedRows: number;
  selectedPredictions: number;
  median: number | null;
  reasons: VolumeReason[];
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function reasonsOf(v: DateVolume, mid: number | null): VolumeReason[] {
  const reasons: VolumeReason[] = [];
  if (v.gradedRows * 10 < v.selected * 9) reasons.push('below_selected');
  if (mid !== null && v.gradedRows * 2 < mid) reasons.push('below_median');
  if (mid !== null && v.gradedRows > mid * 2) reasons.push('above_median');
  return reasons;
}

/** Judge each date; dates without enough history are listed as `insufficientHistory`. */
export function judgeVolume(volumes: readonly DateVolume[]): {
  issues: VolumeIssue[];
  insufficientHistory: IsoDate[];
} {
  const issues: VolumeIssue[] = [];
  const insufficientHistory: IsoDate[] = [];
  for (const v of volumes) {
    const enough = v.history.length >= MIN_HISTORY_DATES;
    if (!enough) insufficientHistory.push(v.gameDate);
    const mid = enough ? median(v.history) : null;
    const reasons = reasonsOf(v, mid);
    if (reasons.length)
      issues.push({
        gameDate: v.gameDate,
        gradedRows: v.gradedRows,
        selectedPredictions: v.selected,
        median: mid,
        reasons,
      });
  }
  return { issues, insufficientHistory };
}
