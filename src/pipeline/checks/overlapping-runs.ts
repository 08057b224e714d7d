/**
 * `overlapping_runs`: two runs of a date whose hold windows overlap and both wrote → critical.
 * An overlap stops counting once a later successful grading of the date, started after the
 * overlap and itself overlapping nothing, has rewritten the date (listed as `recovered`).
 */
import { regradeCommand } from './date-facts.js';
import { type Overlap, overlappingWriters, regradedAfter } from './holds.js';
import type { Check } from './types.js';

/** Overlapping writers of the window's dates. */
export const overlappingRuns: Check = {
  name: 'overlapping_runs',
  async run({ data }) {
    const runs = await data.runs();
    const overlaps = overlappingWriters(runs);
    const involved = new Set(overlaps.flatMap((o) => o.runIds));
    const recovered = (o: Overlap) => regradedAfter(runs, o.gameDate, o.bothFinishedAt, involved);
    const open = overlaps.filter((o) => !recovered(o));
    const runIds = [...new Set(open.flatMap((o) => o.runIds))];
    const dates = [...new Set(open.map((o) => o.gameDate))].sort();
    return {
      status: open.length > 0 ? 'critical' : 'ok',
      count: runIds.length,
      summary:
        open.length > 0
          ? `${runIds.length} runs on ${dates.join(', ')} wrote while another run of the date held it`
          : 'no overlapping writers',
      details: { overlaps: open, runIds, recovered: overlaps.filter(recovered) },
      nextCommand: regradeCommand(dates),
    };
  },
};
