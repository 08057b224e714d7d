/**
 * Delivery through the official Slack incoming-webhook client, its own retries off and a
 * per-attempt timeout; propgrade retries up to 3 times on 5xx, network errors and timeouts with
 * exponential backoff, honours Retry-After on 429 (capped at 30 s), all within 60 s per alert.
 */
import type { IncomingWebhookDefaultArguments } from '@slack/webhook';
import type { SlackMessage } from './message.js';
import { redactWebhook } from './redact.js';

/** Delivery tunables; defaults follow SPEC section 7. */
export interface DeliveryOptions {
  /** Timeout of one HTTP attempt (env PROPGRADE_SLACK_TIMEOUT_MS, default 10,000). */
  attemptTimeoutMs: number;
  /** First backoff; doubled per retry (env PROPGRADE_SLACK_BACKOFF_MS, default 1,000). */
  backoffMs: number;
  /** Everything for one alert ends within this (60,000). */
  budgetMs: number;
  /** Retries after the first attempt (3). */
  maxRetries: number;
  /** The most a 429's Retry-After is honoured (30,000). */
  retryAfterCapMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  attemptTimeoutMs: 10_000,
  backoffMs: 1_000,
  budgetMs: 60_000,
  maxRetries: 3,
  retryAfterCapMs: 30_000,
};

/** The result of delivering one message. */
export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  /** Why it failed (the webhook URL redacted), or null. */
  error: string | null;
}

type Attempt = { ok: true } | { ok: false; retry: boolean; waitMs: number | null; error: string };

type Fetch = NonNullable<IncomingWebhookDefaultArguments['fetch']>;

/** The Slack client, imported on the first delivery (a run that sends nothing never loads it). */
type SlackClient = typeof import('@slack/webhook');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function positive(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

/** Delivery options with the two test-facing environment overrides applied. */
export function deliveryOptionsFromEnv(env: NodeJS.ProcessEnv): DeliveryOptions {
  return {
    ...DEFAULT_DELIVERY,
    attemptTimeoutMs: positive(env.PROPGRADE_SLACK_TIMEOUT_MS) ?? DEFAULT_DELIVERY.attemptTimeoutMs,
    backoffMs: positive(env.PROPGRADE_SLACK_BACKOFF_MS) ?? DEFAULT_DELIVERY.backoffMs,
  };
}

/** Retry-After (seconds or an HTTP date) in ms, or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describe(slack: SlackClient, err: unknown, timeoutMs: number): string {
  const { IncomingWebhookHTTPError, IncomingWebhookRequestError } = slack;
  if (err instanceof IncomingWebhookHTTPError)
    return `HTTP ${err.statusCode} ${err.statusMessage}`.trim();
  if (err instanceof IncomingWebhookRequestError) {
    const original = err.original as Error & { cause?: unknown };
    if (original.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    const cause = original.cause instanceof Error ? `: ${original.cause.message}` : '';
    return `network error: ${original.message}${cause}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function classify(
  slack: SlackClient,
  err: unknown,
  retryAfter: string | null,
  timeoutMs: number,
): Attempt {
  const { IncomingWebhookHTTPError, IncomingWebhookRequestError } = slack;
  const error = describe(slack, err, timeoutMs);
  if (err instanceof IncomingWebhookHTTPError) {
    if (err.statusCode === 429)
      return { ok: false, retry: true, waitMs: retryAfterMs(retryAfter), error };
    return { ok: false, retry: err.statusCode >= 500, waitMs: null, error };
  }
  return { ok: false, retry: err instanceof IncomingWebhookRequestError, waitMs: null, error };
}

async function attemptOnce(
  slack: SlackClient,
  url: string,
  message: SlackMessage,
  timeoutMs: number,
): Promise<Attempt> {
  let retryAfter: string | null = null;
  const capturing: Fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    retryAfter = response.headers.get('retry-after');
    return response as unknown as Awaited<ReturnType<Fetch>>;
  };
  const hook = new slack.IncomingWebhook(url, {
    timeout: timeoutMs,
    retryConfig: { retries: 0 },
    fetch: capturing,
  });
  try {
    await hook.send({ text: message.text, blocks: message.blocks });
    return { ok: true };
  } catch (err) {
    return classify(slack, err, retryAfter, timeoutMs);
  }
}

/** Post one message, retrying as SPEC section 7 says. Never throws. */
export async function deliverToSlack(
  url: string,
  message: SlackMessage,
  options: Partial<DeliveryOptions> = {},
): Promise<DeliveryResult> {
  const opts = { ...DEFAULT_DELIVERY, ...options };
  const slack = await import('@slack/webhook');
  const deadline = Date.now() + opts.budgetMs;
  let attempts = 0;
  let error = 'the delivery budget was spent before the first attempt';
  while (attempts <= opts.maxRetries && Date.now() < deadline) {
    attempts += 1;
    const timeoutMs = Math.max(1, Math.min(opts.attemptTimeoutMs, deadline - Date.now()));
    const result = await attemptOnce(slack, url, message, timeoutMs);
    if (result.ok) return { ok: true, attempts, error: null };
    error = redactWebhook(result.error, url);
    if (!result.retry || attempts > opts.maxRetries) break;
    const waitMs = Math.min(
      result.waitMs ?? opts.backoffMs * 2 ** (attempts - 1),
      opts.retryAfterCapMs,
    );
    if (Date.now() + waitMs >= deadline) {
      error = `${error}; the ${opts.budgetMs} ms budget ends before the next attempt`;
      break;
    }
    await sleep(waitMs);
  }
  return { ok: false, attempts, error: `${error} (after ${attempts} attempt(s))` };
}
