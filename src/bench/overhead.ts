/**
 * The lock's share of a grade: the median acquire+release p50 of each lock backend as a fraction
 * of the median grade-263k time (empty partition) of the store it is deployed with.
 */
import type { ScenarioResult } from './result.js';
import { round } from './stats.js';

/** One lock backend's overhead on one store's grade. */
export interface LockOverhead {
  lock: string;
  grade: string;
  lockP50Ms: number;
  gradeMs: number;
  fraction: number;
}

const PAIRS = [
  ['sqlite', 'sqlite'],
  ['postgres', 'postgres'],
  ['redis', 'postgres'],
] as const;

function medianOf(scenarios: readonly ScenarioResult[], scenario: string, name: string) {
  const found = scenarios.find((s) => s.name === scenario);
  return found?.measurements.find((m) => m.name === name)?.median;
}

/** The overheads that both scenarios measured (none when either was not run). */
export function lockOverhead(scenarios: readonly ScenarioResult[]): LockOverhead[] {
  const out: LockOverhead[] = [];
  for (const [lock, store] of PAIRS) {
    const lockP50 = medianOf(scenarios, 'lock', `${lock}: acquire+release p50`);
    const grade = medianOf(scenarios, 'grade-263k', `${store}: grade into empty partition`);
    if (lockP50 === undefined || grade === undefined) continue;
    out.push({
      lock,
      grade: store,
      lockP50Ms: lockP50,
      gradeMs: grade,
      fraction: round(lockP50 / grade, 6),
    });
  }
  return out;
}
