/** `prediction_duplicates`: more than one active version per (player, game, system) → critical. */
import type { Check } from './types.js';

/** Triples of the window with several active versions (source selection broken or bypassed). */
export const predictionDuplicates: Check = {
  name: 'prediction_duplicates',
  async run({ store, window }) {
    const found = await store.activeDuplicates({ from: window.from, to: window.to }, 20);
    const count = found.triples;
    return {
      status: count > 0 ? 'critical' : 'ok',
      count,
      summary:
        count > 0
          ? `${count} (player, game, system) triples have more than one active version`
          : 'at most one active version per (player, game, system)',
      details: { top: found.top },
      nextCommand:
        count > 0
          ? 'propgrade ingest predictions FILE (the latest file of those dates; ingest recomputes is_active)'
          : null,
    };
  },
};
