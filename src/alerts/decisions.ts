/**
 * What a raise or a resolve stores and sends, given a fingerprint's history: the policy's
 * decision turned into an alert record and its message. Pure; run inside Store.decideAlert.
 */
import type { AlertHistory, AlertOutcome, NewAlert } from '../store/store.js';
import { alertMessage, resolvedMessage, type SlackMessage } from './message.js';
import { decideRaise, decideResolve, fingerprintOf } from './policy.js';
import type { AlertEvent, AlertRequest } from './sink.js';

/** A record to store and the message that goes with it. */
export interface Decided {
  record: NewAlert;
  message: SlackMessage;
  /** True when the message is to be delivered (a webhook is configured and the rules say so). */
  deliver: boolean;
}

/** The measures escalation compares for a request. */
export function measuresOf(alert: AlertRequest): Record<string, number> {
  return alert.measures ?? { [alert.event]: alert.severity };
}

/** The record of one raise: `sending` (to deliver), `logged` (no webhook) or `suppressed`. */
export function decideRaiseRecord(
  alert: AlertRequest,
  history: AlertHistory,
  now: string,
  opts: { suppressMs: number; webhook: boolean },
): Decided {
  const measures = measuresOf(alert);
  const decision = decideRaise(history, now, measures, opts.suppressMs);
  const message = alertMessage(alert, decision.notify ? decision.kind : 'new');
  const outcome: AlertOutcome = !decision.notify
    ? 'suppressed'
    : opts.webhook
      ? 'sending'
      : 'logged';
  const record: NewAlert = {
    event: alert.event,
    fingerprint: fingerprintOf(alert.event, alert.table, alert.scope),
    tableName: alert.table,
    scope: alert.scope,
    severity: alert.severity,
    measures,
    outcome,
    attempts: 0,
    message: message.text,
    error: null,
  };
  return { record, message, deliver: outcome === 'sending' };
}

/** The `resolved` record of an open fingerprint, or null when nothing is open. */
export function decideResolveRecord(
  target: { event: AlertEvent; table: string; scope: string },
  history: AlertHistory,
  webhook: boolean,
): Decided | null {
  const decision = decideResolve(history);
  if (decision === null) return null;
  const { event, table, scope } = target;
  const message = resolvedMessage(event, table, scope, history.lastNotified ?? history.latest);
  const record: NewAlert = {
    event,
    fingerprint: fingerprintOf(event, table, scope),
    tableName: table,
    scope,
    severity: 0,
    measures: {},
    outcome: 'resolved',
    attempts: 0,
    message: message.text,
    error: null,
  };
  return { record, message, deliver: decision.notify && webhook };
}
