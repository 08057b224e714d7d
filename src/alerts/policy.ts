/**
 * The alert rules of SPEC section 7 as pure functions: fingerprints, suppression inside the
 * window, escalation when worse, and one resolution. The store runs them inside its
 * per-fingerprint transaction (Store.decideAlert).
 */
import type { AlertHistory } from '../store/store.js';

/** Default suppression window (PROPGRADE_ALERT_SUPPRESS_HOURS). */
export const DEFAULT_SUPPRESS_HOURS = 6;

/** How a message that is not suppressed relates to what people were told before. */
export const RAISE_KINDS = ['new', 'escalation', 'repeat'] as const;
export type RaiseKind = (typeof RAISE_KINDS)[number];

/** The decision for one raise. */
export type RaiseDecision =
  | { notify: true; kind: RaiseKind }
  | { notify: false; kind: 'suppressed' };

/** `<event>:<table>:<scope>`: what "the same alert" means. */
export function fingerprintOf(event: string, table: string, scope: string): string {
  return `${event}:${table}:${scope}`;
}

/** The suppression window in ms; a negative or non-numeric setting falls back to the default. */
export function suppressWindowMs(hours: number): number {
  const valid = Number.isFinite(hours) && hours >= 0 ? hours : DEFAULT_SUPPRESS_HOURS;
  return valid * 3_600_000;
}

/** Worse: a measure that was not there before (a newly critical check) or a higher count. */
export function isWorse(before: Record<string, number>, now: Record<string, number>): boolean {
  return Object.entries(now).some(([name, count]) => {
    const was = before[name];
    return was === undefined ? count > 0 : count > was;
  });
}

/**
 * Notify unless people were told within the window and it is not worse than what they were
 * told. "Told" is the newest sent (or in-flight, or logged) record since the last resolution;
 * a failed delivery told nobody, so the next raise tries again.
 */
export function decideRaise(
  history: AlertHistory,
  now: string,
  measures: Record<string, number>,
  suppressMs: number,
): RaiseDecision {
  const told = history.lastNotified;
  if (told === null) return { notify: true, kind: 'new' };
  if (isWorse(told.measures, measures)) return { notify: true, kind: 'escalation' };
  if (Date.parse(now) - Date.parse(told.createdAt) >= suppressMs)
    return { notify: true, kind: 'repeat' };
  return { notify: false, kind: 'suppressed' };
}

/**
 * A fingerprint is open when its newest record is not `resolved`. Resolving an open one stores
 * one `resolved` record; the message goes out only when people had been told of the problem.
 */
export function decideResolve(history: AlertHistory): { notify: boolean } | null {
  if (history.latest === null || history.latest.outcome === 'resolved') return null;
  return { notify: history.lastNotified !== null && history.lastNotified.outcome !== 'logged' };
}
