/** `unique_guard`: the unique index on the business key is dropped → warning. */
import type { Check } from './types.js';

/** The guard's recorded state (only `dedupe` reinstalls it, once the table is clean). */
export const uniqueGuard: Check = {
  name: 'unique_guard',
  async run({ store }) {
    const guard = await store.guardState();
    return {
      status: guard.installed ? 'ok' : 'warning',
      count: guard.installed ? 0 : 1,
      summary: guard.installed
        ? 'the unique guard on prediction_accuracy is installed'
        : `the unique guard on prediction_accuracy is dropped (${guard.reason ?? 'no reason recorded'})`,
      details: { installed: guard.installed, changedAt: guard.changedAt, reason: guard.reason },
      nextCommand: guard.installed ? null : 'propgrade dedupe',
    };
  },
};
