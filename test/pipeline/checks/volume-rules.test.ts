/** The volume rules: 90% of selected predictions, 0.5×–2× the median, insufficient history. */
import { describe, expect, it } from 'vitest';
import { judgeVolume, median } from '../../../src/pipeline/checks/volume-rules.js';

const history = [10, 10, 10, 10, 10, 10, 10];

describe('volume rules', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('exactly 90% of the selected predictions is fine; one row fewer warns', () => {
    const at = judgeVolume([{ gameDate: 'd', gradedRows: 9, selected: 10, history }]);
    expect(at.issues).toEqual([]);
    const below = judgeVolume([{ gameDate: 'd', gradedRows: 17, selected: 19, history }]);
    expect(below.issues[0]?.reasons).toEqual(['below_selected']);
  });

  it('half and double the median are the limits', () => {
    const rows = (gradedRows: number) =>
      judgeVolume([{ gameDate: 'd', gradedRows, selected: 0, history }]).issues;
    expect(rows(5)).toEqual([]);
    expect(rows(20)).toEqual([]);
    expect(rows(4)[0]?.reasons).toEqual(['below_median']);
    expect(rows(21)[0]?.reasons).toEqual(['above_median']);
  });

  it('fewer than 7 history dates: no median test, listed as insufficient history', () => {
    const judged = judgeVolume([
      { gameDate: 'd', gradedRows: 1, selected: 1, history: history.slice(1) },
    ]);
    expect(judged).toEqual({ issues: [], insufficientHistory: ['d'] });
  });
});
