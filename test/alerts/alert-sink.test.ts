/**
 * The delivering sink on a real SQLite store and the real @slack/webhook client against a local
 * stand-in: one message per fingerprint, suppression inside the window, escalation when worse,
 * one resolution, failures recorded and retried by the next raise, no webhook said once, and
 * concurrent raisers sending one message. Logs go to a real pino logger on a memory stream.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertSink } from '../../src/alerts/alert-sink.js';
import type { AlertRequest } from '../../src/alerts/sink.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/cli.js';
import { type SlackStandIn, startSlack, WEBHOOK_SECRET } from './slack-stand-in.js';

const FAST = { backoffMs: 10, attemptTimeoutMs: 2_000 };
const tmp = tempDir('propgrade-sink-');
afterAll(() => tmp.cleanup());

function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

function duplicates(date: string, keys: number): AlertRequest {
  return {
    event: 'duplicates_after_write',
    table: 'prediction_accuracy',
    scope: date,
    severity: keys,
    title: `${keys} duplicate business keys on ${date}`,
    details: { runId: 'run-1', duplicateKeys: keys, top: [] },
    nextCommand: `propgrade dedupe --from ${date} --to ${date}`,
  };
}

describe('the alert sink', () => {
  let store: Store;
  let slack: SlackStandIn;
  let n = 0;
  beforeEach(async () => {
    store = createSqliteStore(join(tmp.dir, `sink-${n++}.db`));
    await store.migrate();
    slack = await startSlack();
  });
  afterEach(async () => {
    await store.close();
    await slack.close();
  });
  const sink = (over: { webhookUrl?: string | null; suppressHours?: number } = {}) => {
    const { log, lines } = memoryLog();
    const made = createAlertSink({
      store,
      log,
      webhookUrl: over.webhookUrl === undefined ? slack.url : over.webhookUrl,
      suppressHours: over.suppressHours ?? 6,
      delivery: FAST,
    });
    return Object.assign(made, { lines });
  };

  it('one message, none inside the window, one on escalation, one resolved, then quiet', async () => {
    const s = sink();
    expect((await s.raise(duplicates('2026-03-05', 2)))?.outcome).toBe('sent');
    expect((await s.raise(duplicates('2026-03-05', 2)))?.outcome).toBe('suppressed');
    expect((await s.raise(duplicates('2026-03-05', 1)))?.outcome).toBe('suppressed');
    expect((await s.raise(duplicates('2026-03-05', 5)))?.outcome).toBe('sent');
    expect(
      await s.resolve('duplicates_after_write', 'prediction_accuracy', '2026-03-05'),
    ).toMatchObject({ outcome: 'resolved', attempts: 1 });
    expect(
      await s.resolve('duplicates_after_write', 'prediction_accuracy', '2026-03-05'),
    ).toBeNull();
    expect(slack.texts().map((t) => t.split('\n')[0])).toEqual([
      '🔴 2 duplicate business keys on 2026-03-05',
      '🔴 WORSE: 5 duplicate business keys on 2026-03-05',
      '✅ Resolved: duplicates_after_write on prediction_accuracy for 2026-03-05',
    ]);
    const stored = await store.listAlerts({
      fingerprint: 'duplicates_after_write:prediction_accuracy:2026-03-05',
    });
    expect(stored.map((a) => a.outcome).reverse()).toEqual([
      'sent',
      'suppressed',
      'suppressed',
      'sent',
      'resolved',
    ]);
  });

  it('a new problem after a resolution is sent again; other dates are other fingerprints', async () => {
    const s = sink();
    await s.raise(duplicates('2026-03-05', 2));
    await s.resolve('duplicates_after_write', 'prediction_accuracy', '2026-03-05');
    expect((await s.raise(duplicates('2026-03-05', 1)))?.outcome).toBe('sent');
    expect((await s.raise(duplicates('2026-03-06', 1)))?.outcome).toBe('sent');
    expect(slack.requests).toHaveLength(4);
  });

  it('the same finding is sent again once the suppression window has passed', async () => {
    const s = sink({ suppressHours: 0.3 / 3600 });
    await s.raise(duplicates('2026-03-05', 2));
    expect((await s.raise(duplicates('2026-03-05', 2)))?.outcome).toBe('suppressed');
    await new Promise((r) => setTimeout(r, 400));
    expect((await s.raise(duplicates('2026-03-05', 2)))?.outcome).toBe('sent');
    expect(slack.texts()[1]).toMatch(/^🔴 Still open: /);
  });

  it('a failed delivery is stored with its attempts and retried by the next raise', async () => {
    await slack.close();
    slack = await startSlack((k) => ({ status: k <= 4 ? 500 : 200 }));
    const s = sink();
    expect(await s.raise(duplicates('2026-03-05', 2))).toMatchObject({
      outcome: 'failed',
      attempts: 4,
    });
    expect(await s.raise(duplicates('2026-03-05', 2))).toMatchObject({
      outcome: 'sent',
      attempts: 1,
    });
    const [sent, failed] = await store.listAlerts();
    expect(failed).toMatchObject({ outcome: 'failed', attempts: 4 });
    expect(failed!.error).toContain('HTTP 500');
    expect(sent).toMatchObject({ outcome: 'sent', attempts: 1, error: null });
  });

  it('without a webhook alerts are logged and stored, and it says once that none will be sent', async () => {
    const s = sink({ webhookUrl: null });
    expect((await s.raise(duplicates('2026-03-05', 2)))?.outcome).toBe('logged');
    expect((await s.raise(duplicates('2026-03-06', 2)))?.outcome).toBe('logged');
    expect((await s.raise(duplicates('2026-03-06', 2)))?.outcome).toBe('suppressed');
    expect(s.lines.filter((l) => l.includes('none will be sent'))).toHaveLength(1);
    expect(s.lines.filter((l) => l.includes('ALERT (not sent)'))).toHaveLength(2);
    expect(slack.requests).toHaveLength(0);
    expect((await store.listAlerts()).map((a) => a.outcome)).toEqual([
      'suppressed',
      'logged',
      'logged',
    ]);
  });

  it('a successful write resolves the date’s write-failure alerts', async () => {
    const s = sink();
    await s.raise({
      ...duplicates('2026-03-05', 1),
      event: 'lock_timeout',
      severity: 1,
      title: 'grading 2026-03-05 ended lock_timeout',
    });
    await s.resolve('duplicates_after_write', 'prediction_accuracy', '2026-03-05');
    expect(slack.texts()[1]).toContain(
      'Resolved: lock_timeout on prediction_accuracy for 2026-03-05',
    );
    expect(slack.requests).toHaveLength(2);
  });

  it('two raisers of one fingerprint at the same moment send one message', async () => {
    const other = createSqliteStore(store.identity.database);
    try {
      const a = sink();
      const b = createAlertSink({
        store: other,
        log: memoryLog().log,
        webhookUrl: slack.url,
        suppressHours: 6,
        delivery: FAST,
      });
      const outcomes = await Promise.all([
        a.raise(duplicates('2026-03-05', 3)),
        b.raise(duplicates('2026-03-05', 3)),
      ]);
      expect(outcomes.map((o) => o?.outcome).sort()).toEqual(['sent', 'suppressed']);
      expect(slack.requests).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('the webhook URL appears in no log line, stored message or stored error', async () => {
    await slack.close();
    slack = await startSlack(() => ({ status: 500 }));
    const s = sink();
    await s.raise(duplicates('2026-03-05', 2));
    const bad = sink({ webhookUrl: `not a url ${WEBHOOK_SECRET}` });
    await bad.raise(duplicates('2026-03-07', 2));
    const stored = JSON.stringify(await store.listAlerts());
    for (const text of [stored, ...s.lines, ...bad.lines])
      expect(text).not.toContain(WEBHOOK_SECRET);
    expect(bad.lines.join('')).toContain('not an absolute http(s) URL');
  });

  it('a store that cannot record still delivers, and raise never throws', async () => {
    const s = sink();
    await store.close();
    const result = await s.raise(duplicates('2026-03-05', 2));
    expect(result).toMatchObject({ outcome: 'sent', alertId: null });
    expect(slack.requests).toHaveLength(1);
    expect(s.lines.join('')).toContain('alert history unavailable');
    store = createSqliteStore(join(tmp.dir, `sink-${n++}.db`));
  });
});
