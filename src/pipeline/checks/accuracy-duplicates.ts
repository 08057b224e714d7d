/** `accuracy_duplicates`: NULL-safe duplicate business keys in prediction_accuracy → critical. */
import type { Check } from './types.js';

/** Duplicate keys of the window, with the top 20 (counts, graded_at values, run ids). */
export const accuracyDuplicates: Check = {
  name: 'accuracy_duplicates',
  async run({ store, window }) {
    const found = await store.duplicateSummary({ from: window.from, to: window.to }, 20);
    const count = found.duplicateKeys;
    const dates = [...new Set(found.top.map((k) => k.gameDate))].sort();
    return {
      status: count > 0 ? 'critical' : 'ok',
      count,
      summary:
        count > 0
          ? `${count} business keys have more than one row (${found.duplicateRows} surplus rows)`
          : 'no duplicate business keys',
      details: { duplicateRows: found.duplicateRows, dates, top: found.top },
      nextCommand: count > 0 ? `propgrade dedupe --from ${window.from} --to ${window.to}` : null,
    };
  },
};
