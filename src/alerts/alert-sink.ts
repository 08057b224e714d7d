/**
 * The delivering AlertSink: every raise and resolve is decided against the fingerprint's stored
 * history (suppression, escalation, one resolution), stored, and delivered to Slack when a
 * webhook is configured — else logged and stored, said once per process. Never throws: a
 * delivery or store problem is logged and recorded, and changes no exit code.
 */
import type { AlertOutcome, AlertRecord, Store } from '../store/store.js';
import { type Decided, decideRaiseRecord, decideResolveRecord } from './decisions.js';
import { fingerprintOf, suppressWindowMs } from './policy.js';
import { isWebhookUrl, redactWebhook } from './redact.js';
import type { AlertEvent, AlertRequest, AlertResult, AlertSink } from './sink.js';
import { WRITE_FAILURE_EVENTS } from './sink.js';
import { type DeliveryOptions, type DeliveryResult, deliverToSlack } from './slack.js';

/** The few logger methods the sink uses (pino's Logger fits). */
export interface AlertLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the sink needs. */
export interface AlertSinkOptions {
  store: Pick<Store, 'decideAlert' | 'updateAlert'>;
  log: AlertLog;
  /** PROPGRADE_SLACK_WEBHOOK_URL, or null. A secret: never logged. */
  webhookUrl: string | null;
  /** PROPGRADE_ALERT_SUPPRESS_HOURS. */
  suppressHours: number;
  delivery?: Partial<DeliveryOptions>;
}

const NOT_SENT =
  'alerts are logged and stored only: none will be sent to Slack because PROPGRADE_SLACK_WEBHOOK_URL';

/** Build the sink of one process. */
export function createAlertSink(opts: AlertSinkOptions): AlertSink {
  return new StoredAlertSink(opts);
}

class StoredAlertSink implements AlertSink {
  private readonly webhook: string | null;
  private readonly suppressMs: number;
  private noticeGiven = false;

  constructor(private readonly opts: AlertSinkOptions) {
    const url = opts.webhookUrl;
    this.webhook = url !== null && isWebhookUrl(url) ? url : null;
    if (url !== null && this.webhook === null) {
      opts.log.warn({}, `${NOT_SENT} is not an absolute http(s) URL`);
      this.noticeGiven = true;
    }
    this.suppressMs = suppressWindowMs(opts.suppressHours);
  }

  async raise(alert: AlertRequest): Promise<AlertResult | null> {
    const fingerprint = fingerprintOf(alert.event, alert.table, alert.scope);
    try {
      const result = await this.raiseOnce(alert);
      if (alert.event === 'duplicates_after_write')
        await this.writeSucceeded(alert.table, alert.scope);
      return result;
    } catch (err) {
      this.opts.log.error(
        { fingerprint, err: this.scrub(err) },
        `alert ${fingerprint} not handled`,
      );
      return { fingerprint, outcome: 'error', attempts: 0, alertId: null };
    }
  }

  async resolve(event: AlertEvent, table: string, scope: string): Promise<AlertResult | null> {
    const fingerprint = fingerprintOf(event, table, scope);
    try {
      const result = await this.resolveOnce(event, table, scope);
      if (event === 'duplicates_after_write') await this.writeSucceeded(table, scope);
      return result;
    } catch (err) {
      this.opts.log.error({ fingerprint, err: this.scrub(err) }, `resolving ${fingerprint} failed`);
      return { fingerprint, outcome: 'error', attempts: 0, alertId: null };
    }
  }

  /** Post-write validation ran, so the date's write succeeded: its write failures are fixed. */
  private async writeSucceeded(table: string, scope: string): Promise<void> {
    try {
      for (const event of WRITE_FAILURE_EVENTS) await this.resolveOnce(event, table, scope);
    } catch (err) {
      this.opts.log.error({ scope, err: this.scrub(err) }, 'write-failure alerts not resolved');
    }
  }

  private async raiseOnce(alert: AlertRequest): Promise<AlertResult> {
    const rules = { suppressMs: this.suppressMs, webhook: this.webhook !== null };
    let decided: Decided | undefined;
    let record: AlertRecord | null = null;
    try {
      const fingerprint = fingerprintOf(alert.event, alert.table, alert.scope);
      record = await this.opts.store.decideAlert(fingerprint, (history, now) => {
        decided = decideRaiseRecord(alert, history, now, rules);
        return decided.record;
      });
    } catch (err) {
      this.opts.log.error(
        { err: this.scrub(err) },
        'alert history unavailable: deciding without it (the alert is not recorded)',
      );
      decided = decideRaiseRecord(
        alert,
        { latest: null, lastNotified: null },
        new Date().toISOString(),
        rules,
      );
    }
    return this.act(decided!, record);
  }

  private async act(decided: Decided, stored: AlertRecord | null): Promise<AlertResult> {
    const { record, message } = decided;
    const base = { fingerprint: record.fingerprint, alertId: stored?.alertId ?? null };
    const about = { fingerprint: record.fingerprint, event: record.event, scope: record.scope };
    if (record.outcome === 'suppressed') {
      this.opts.log.info(
        { alert: about },
        `alert suppressed (already sent within the window): ${record.fingerprint}`,
      );
      return { ...base, outcome: 'suppressed', attempts: 0 };
    }
    if (!decided.deliver) {
      this.notice();
      this.opts.log.warn({ alert: about }, `ALERT (not sent): ${message.text}`);
      return { ...base, outcome: 'logged', attempts: 0 };
    }
    const delivery = await this.deliver(decided, stored, (ok) => (ok ? 'sent' : 'failed'));
    const line = delivery.ok ? 'alert sent' : `alert delivery failed: ${delivery.error}`;
    const outcome = delivery.ok ? 'sent' : 'failed';
    this.opts.log[delivery.ok ? 'warn' : 'error'](
      { alert: { ...about, outcome, attempts: delivery.attempts } },
      `${line}: ${record.message.split('\n')[0]}`,
    );
    return { ...base, outcome, attempts: delivery.attempts };
  }

  private async resolveOnce(
    event: AlertEvent,
    table: string,
    scope: string,
  ): Promise<AlertResult | null> {
    const fingerprint = fingerprintOf(event, table, scope);
    let decided: Decided | null = null;
    const stored = await this.opts.store.decideAlert(fingerprint, (history) => {
      decided = decideResolveRecord({ event, table, scope }, history, this.webhook !== null);
      return decided?.record ?? null;
    });
    const resolved = decided as Decided | null;
    if (stored === null || resolved === null) return null;
    this.opts.log.info({ alert: { fingerprint, event, scope } }, `alert resolved: ${fingerprint}`);
    const base = { fingerprint, outcome: 'resolved' as const, alertId: stored.alertId };
    if (!resolved.deliver) return { ...base, attempts: 0 };
    const delivery = await this.deliver(resolved, stored, () => 'resolved');
    if (!delivery.ok)
      this.opts.log.error(
        { alert: { fingerprint } },
        `resolved message not delivered: ${delivery.error}`,
      );
    return { ...base, attempts: delivery.attempts };
  }

  /** Deliver a decided message and record the result on its stored record. */
  private async deliver(
    decided: Decided,
    stored: AlertRecord | null,
    outcomeOf: (ok: boolean) => AlertOutcome,
  ): Promise<DeliveryResult> {
    const delivery = await deliverToSlack(this.webhook!, decided.message, this.opts.delivery);
    if (stored === null) return delivery;
    const patch = {
      outcome: outcomeOf(delivery.ok),
      attempts: delivery.attempts,
      error: delivery.error,
    };
    try {
      await this.opts.store.updateAlert(stored.alertId, patch);
    } catch (err) {
      this.opts.log.error(
        { fingerprint: stored.fingerprint, err: this.scrub(err) },
        'alert outcome not recorded',
      );
    }
    return delivery;
  }

  private notice(): void {
    if (this.noticeGiven) return;
    this.noticeGiven = true;
    this.opts.log.warn({}, `${NOT_SENT} is not set`);
  }

  private scrub(err: unknown): string {
    return redactWebhook(err instanceof Error ? err.message : String(err), this.opts.webhookUrl);
  }
}
