/**
 * The heap growth of a propgrade process. Grading streams a date, so its live heap stays small
 * (about 75 MB for a million predictions), but V8's default growth lets garbage pile up to about
 * four times that before a full collection. A growth factor of 1.5 keeps peak memory near the
 * live set for a few per cent more collection time. PROPGRADE_HEAP_GROWING_PERCENT overrides it;
 * 0 leaves V8's own heuristic.
 */
import v8 from 'node:v8';
import { InputError } from '../errors.js';

/** Default V8 heap growing percent (growth factor 1 + p/100). */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

/** The growing percent from the environment (validated), or the default. */
export function heapGrowingPercent(env: NodeJS.ProcessEnv): number {
  const raw = env.PROPGRADE_HEAP_GROWING_PERCENT;
  if (raw === undefined || raw === '') return DEFAULT_HEAP_GROWING_PERCENT;
  if (!/^\d+$/.test(raw) || Number(raw) > 1000) {
    throw new InputError(
      `PROPGRADE_HEAP_GROWING_PERCENT must be a whole number from 0 to 1000 (got "${raw}")`,
      { field: 'PROPGRADE_HEAP_GROWING_PERCENT' },
    );
  }
  return Number(raw);
}

/** Apply the heap growth of `env` to this process (call once, before heavy work). */
export function tuneHeapGrowth(env: NodeJS.ProcessEnv): void {
  const percent = heapGrowingPercent(env);
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
