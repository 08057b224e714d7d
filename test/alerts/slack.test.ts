/**
 * Delivery through the real @slack/webhook client to a local stand-in: retries on 5xx, honours
 * Retry-After on 429, gives up on other 4xx at once, stays within the budget when the server
 * never answers, fails on a refused connection — and never puts the webhook URL in an error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/alerts/message.js';
import { deliverToSlack, deliveryOptionsFromEnv, retryAfterMs } from '../../src/alerts/slack.js';
import {
  type Answer,
  refusedWebhookUrl,
  type SlackStandIn,
  startSlack,
  WEBHOOK_SECRET,
} from './slack-stand-in.js';

const MESSAGE: SlackMessage = {
  text: 'duplicates on 2026-03-05',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'duplicates on 2026-03-05' } }],
};
const FAST = { backoffMs: 20, attemptTimeoutMs: 2_000 };

describe('deliverToSlack', () => {
  let slack: SlackStandIn | undefined;
  afterEach(async () => {
    await slack?.close();
    slack = undefined;
  });
  const serve = async (answer: (n: number) => Answer) => {
    slack = await startSlack(answer);
    return slack;
  };

  it('posts the text and the blocks once when Slack answers 200', async () => {
    const s = await serve(() => ({ status: 200 }));
    const result = await deliverToSlack(s.url, MESSAGE, FAST);
    expect(result).toEqual({ ok: true, attempts: 1, error: null });
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.body).toEqual({ text: MESSAGE.text, blocks: MESSAGE.blocks });
    expect(s.requests[0]!.path).toContain(WEBHOOK_SECRET);
  });

  it('a 500 ends failed after 4 attempts (3 retries)', async () => {
    const s = await serve(() => ({ status: 500 }));
    const result = await deliverToSlack(s.url, MESSAGE, FAST);
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(4);
    expect(s.requests).toHaveLength(4);
    expect(result.error).toContain('HTTP 500');
  });

  it('a 503 then a 200 ends sent on the second attempt', async () => {
    const s = await serve((n) => ({ status: n === 1 ? 503 : 200 }));
    expect(await deliverToSlack(s.url, MESSAGE, FAST)).toEqual({
      ok: true,
      attempts: 2,
      error: null,
    });
  });

  it('a 429 with Retry-After: 1 ends sent on the second attempt, at least a second later', async () => {
    const s = await serve((n) =>
      n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 },
    );
    const started = Date.now();
    const result = await deliverToSlack(s.url, MESSAGE, FAST);
    expect(result).toEqual({ ok: true, attempts: 2, error: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('Retry-After is capped', async () => {
    const s = await serve((n) =>
      n === 1 ? { status: 429, headers: { 'retry-after': '3600' } } : { status: 200 },
    );
    const result = await deliverToSlack(s.url, MESSAGE, { ...FAST, retryAfterCapMs: 50 });
    expect(result).toEqual({ ok: true, attempts: 2, error: null });
  });

  it('other 4xx (a revoked webhook) fail at once, without retrying', async () => {
    const s = await serve(() => ({ status: 404, body: 'no_service' }));
    const result = await deliverToSlack(s.url, MESSAGE, FAST);
    expect([result.ok, result.attempts, s.requests.length]).toEqual([false, 1, 1]);
    expect(result.error).toContain('HTTP 404');
  });

  it('a server that never answers ends failed after 4 timed-out attempts', async () => {
    const s = await serve(() => 'hang');
    const result = await deliverToSlack(s.url, MESSAGE, { attemptTimeoutMs: 150, backoffMs: 20 });
    expect([result.ok, result.attempts, s.requests.length]).toEqual([false, 4, 4]);
    expect(result.error).toContain('no answer within 150 ms');
  });

  it('a server that never answers ends failed within the budget', async () => {
    const s = await serve(() => 'hang');
    const started = Date.now();
    const result = await deliverToSlack(s.url, MESSAGE, {
      attemptTimeoutMs: 400,
      backoffMs: 100,
      budgetMs: 1_000,
    });
    const elapsed = Date.now() - started;
    expect(result.ok).toBe(false);
    expect(result.attempts).toBeLessThan(4);
    expect(elapsed).toBeLessThan(1_000 + 500);
    expect(result.error).toContain('budget');
  });

  it('a refused connection ends failed after 4 attempts; the URL is not in the error', async () => {
    const url = await refusedWebhookUrl();
    const result = await deliverToSlack(url, MESSAGE, FAST);
    expect([result.ok, result.attempts]).toEqual([false, 4]);
    expect(result.error).toMatch(/ECONNREFUSED|network error/);
    expect(result.error).not.toContain(WEBHOOK_SECRET);
  });
});

describe('delivery settings', () => {
  it('Retry-After as seconds or an HTTP date; absent or unreadable is null', () => {
    expect(retryAfterMs('1')).toBe(1000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });

  it('the per-attempt timeout and the backoff can be shortened by environment (for tests)', () => {
    const opts = deliveryOptionsFromEnv({
      PROPGRADE_SLACK_TIMEOUT_MS: '250',
      PROPGRADE_SLACK_BACKOFF_MS: '5',
    });
    expect(opts).toMatchObject({
      attemptTimeoutMs: 250,
      backoffMs: 5,
      budgetMs: 60_000,
      maxRetries: 3,
    });
    expect(deliveryOptionsFromEnv({ PROPGRADE_SLACK_TIMEOUT_MS: 'x' }).attemptTimeoutMs).toBe(
      10_000,
    );
  });
});
