/**
 * The Store port: every operation the pipeline needs from a database. Two implementations live
 * beside this file (`sqlite/`, `postgres/`) with the same file names, and one contract suite in
 * `test/store/contract.ts` runs against both. Backend differences are `capabilities`, never
 * `if (kind === ...)` in pipeline code.
 *
 * Rules every implementation keeps:
 * - Numbers are IEEE doubles; keys are compared NULL-safe on `line_value`.
 * - `replacePartition` is one transaction: fence check first (it serializes writers of a date),
 *   delete, chunked insert, performance rows, run update; a crash leaves the date all old or all new.
 * - Clocks (`graded_at`, `computed_at`, `started_at`) are the store's own.
 */
import type { AlertStore } from './port/alerts.js';
import type { CleanupStore } from './port/cleanup.js';
import type { ConsolidationStore } from './port/consolidation.js';
import type { CoreStore } from './port/core.js';
import type { HistoryStore } from './port/history.js';

export * from './port/alerts.js';
export * from './port/cleanup.js';
export * from './port/consolidation.js';
export * from './port/core.js';
export * from './port/history.js';

/**
 * The Store port: the core plus one part per feature (src/store/port/). All methods may throw
 * UnavailableError when the database cannot be reached.
 */
export interface Store
  extends CoreStore,
    ConsolidationStore,
    HistoryStore,
    AlertStore,
    CleanupStore {}
