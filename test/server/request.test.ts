/** Request validation, auth helpers and the exit-code to HTTP mapping, as pure functions. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { isPublicPath, tokensMatch } from '../../src/server/auth.js';
import { httpStatusFor } from '../../src/server/http-status.js';
import { parseBackfillRequest, parseGradeRequest, resolveDate } from '../../src/server/request.js';
import { authToken, isLoopback } from '../../src/server/server.js';

/** 02:30 UTC on March 6 is still March 5 in New York and already March 6 in Tokyo. */
const NOW = new Date('2026-03-06T02:30:00Z');

describe('dates', () => {
  it('resolves today and yesterday in the configured time zone', () => {
    expect(resolveDate('today', 'target_date', 'America/New_York', NOW)).toBe('2026-03-05');
    expect(resolveDate('yesterday', 'target_date', 'America/New_York', NOW)).toBe('2026-03-04');
    expect(resolveDate('today', 'target_date', 'Asia/Tokyo', NOW)).toBe('2026-03-06');
    expect(resolveDate('2024-02-29', 'target_date', 'UTC', NOW)).toBe('2024-02-29');
  });

  it('refuses anything else with an InputError naming the field', () => {
    for (const raw of ['2025-02-29', 'Today', '', 20260305, null, undefined]) {
      expect(() => resolveDate(raw, 'target_date', 'UTC', NOW)).toThrowError(InputError);
    }
  });
});

describe('parseGradeRequest', () => {
  it('reads plain JSON', () => {
    expect(
      parseGradeRequest(
        { target_date: 'today', trigger_source: ' cron-a ', correlation_id: 'c' },
        'America/New_York',
        NOW,
      ),
    ).toEqual({ gameDate: '2026-03-05', triggerSource: 'cron-a', correlationId: 'c' });
  });

  it('reads a Pub/Sub envelope, defaulting the source to the subscription and the correlation to the message id', () => {
    const data = Buffer.from(JSON.stringify({ target_date: 'yesterday' })).toString('base64');
    expect(
      parseGradeRequest(
        { message: { data, messageId: 'm-7' }, subscription: 'projects/x/subscriptions/s' },
        'UTC',
        NOW,
      ),
    ).toEqual({
      gameDate: '2026-03-05',
      triggerSource: 'pubsub:projects/x/subscriptions/s',
      correlationId: 'm-7',
    });
  });

  it('prefers the fields inside the envelope when present', () => {
    const inner = {
      target_date: '2026-01-02',
      trigger_source: 'completion-event',
      correlation_id: 'run-9',
    };
    const data = Buffer.from(JSON.stringify(inner)).toString('base64');
    expect(parseGradeRequest({ message: { data }, subscription: 's' }, 'UTC', NOW)).toEqual({
      gameDate: '2026-01-02',
      triggerSource: 'completion-event',
      correlationId: 'run-9',
    });
  });

  it('refuses an over-long trigger_source', () => {
    expect(() =>
      parseGradeRequest({ target_date: 'today', trigger_source: 'x'.repeat(201) }, 'UTC', NOW),
    ).toThrowError(/longer than 200/);
  });
});

describe('parseBackfillRequest', () => {
  it('reads the range and flags with defaults', () => {
    expect(
      parseBackfillRequest({ from: '2026-03-01', to: 'yesterday', stale: true }, 'UTC', NOW),
    ).toEqual({
      from: '2026-03-01',
      to: '2026-03-05',
      stale: true,
      resume: false,
      triggerSource: 'api',
    });
  });

  it('accepts exactly 366 days and refuses 367', () => {
    expect(parseBackfillRequest({ from: '2025-01-01', to: '2026-01-01' }, 'UTC', NOW).to).toBe(
      '2026-01-01',
    );
    expect(() =>
      parseBackfillRequest({ from: '2024-12-31', to: '2026-01-01' }, 'UTC', NOW),
    ).toThrowError(/at most 366/);
  });
});

describe('auth', () => {
  it('compares tokens of any length without throwing', () => {
    expect(tokensMatch('s3cret', 's3cret')).toBe(true);
    expect(tokensMatch('s3cret', 's3cre')).toBe(false);
    expect(tokensMatch('', 's3cret')).toBe(false);
    expect(tokensMatch('x'.repeat(5000), 's3cret')).toBe(false);
  });

  it('keeps only health checks and the dashboard files public', () => {
    expect(['/', '/healthz', '/readyz', '/static/dashboard.js'].every(isPublicPath)).toBe(true);
    expect(['/metrics', '/runs', '/grade', '/static'].some(isPublicPath)).toBe(false);
  });

  it('refuses to serve without a token unless --insecure-no-auth on loopback', () => {
    expect(authToken('t', false, '0.0.0.0')).toBe('t');
    expect(authToken(null, true, '127.0.0.1')).toBeNull();
    expect(() => authToken(null, false, '127.0.0.1')).toThrowError(/PROPGRADE_API_TOKEN/);
    expect(() => authToken('t', true, '0.0.0.0')).toThrowError(/loopback/);
    expect(['127.0.0.1', '127.3.2.1', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '::'].some(isLoopback)).toBe(false);
  });
});

describe('exit codes as HTTP statuses', () => {
  it('maps 0, 2, 3, 4, 5, 6 to 200, 400, 409, 503, 409, 500', () => {
    expect(([0, 2, 3, 4, 5, 6] as const).map(httpStatusFor)).toEqual([
      200, 400, 409, 503, 409, 500,
    ]);
  });
});
