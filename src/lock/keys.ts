/** Lock key and holder naming (SPEC section 5): `<lock_type>_<scope>` inside a namespace. */
import { hostname } from 'node:os';

/** Lock types: `grading_<D>` guards graded rows of D, `consolidation_<D>` its predictions. */
export const LOCK_TYPES = ['grading', 'consolidation'] as const;
export type LockType = (typeof LOCK_TYPES)[number];

/** The lock key of a type and scope, e.g. `grading_2026-01-17`. */
export function lockKey(type: LockType, scope: string): string {
  return `${type}_${scope}`;
}

/** The lock type part of a key (text before the first `_`), for metrics labels. */
export function lockTypeOf(key: string): string {
  const underscore = key.indexOf('_');
  return underscore < 0 ? key : key.slice(0, underscore);
}

/** The holder string of a run in this process: `<host>:<pid>/<runId>`. */
export function holderFor(runId: string): string {
  return `${hostname()}:${process.pid}/${runId}`;
}

/** The key as stored in the backend: `<namespace>:<lockKey>`. */
export function namespacedKey(namespace: string, key: string): string {
  return `${namespace}:${key}`;
}
