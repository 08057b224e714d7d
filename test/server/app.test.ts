/**
 * The HTTP API in process (hono's `app.request`): authentication, validation answers, the
 * Pub/Sub envelope, waiting for a grade, the read APIs and the body limit.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { tempDir } from '../helpers/cli.js';
import { AUTH, EXAMPLE_DATE, seedExample, startTestServer, TOKEN } from './helpers.js';

const tmp = tempDir('propgrade-app-');
const db = join(tmp.dir, 'app.db');
let server: RunningServer;

beforeAll(async () => {
  await seedExample(db);
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.shutdown();
  tmp.cleanup();
});

function request(path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(server.app.request(path, init));
}

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = AUTH,
): Promise<Response> {
  return request(path, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function errorOf(
  response: Response,
): Promise<{ code: number; message: string; field?: string }> {
  return ((await response.json()) as { error: { code: number; message: string; field?: string } })
    .error;
}

describe('authentication', () => {
  it('answers 401 with a Bearer challenge without a token, or with a wrong one', async () => {
    const headerSets: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: TOKEN },
    ];
    for (const headers of headerSets) {
      const response = await request('/runs', { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="propgrade"');
    }
  });

  it('accepts the right token on the APIs and /metrics', async () => {
    for (const path of ['/runs', '/accuracy', '/validation', '/duplicates', '/metrics'])
      expect(
        (await request(path, { headers: { Authorization: `Bearer ${TOKEN}` } })).status,
        path,
      ).toBe(200);
  });

  it('needs no token for health checks and the dashboard files, and does need one for /metrics and POST /grade', async () => {
    for (const path of ['/healthz', '/readyz', '/', '/static/dashboard.js', '/static/chart.umd.js'])
      expect((await request(path)).status, path).toBe(200);
    expect((await request('/metrics')).status).toBe(401);
    expect(
      (await post('/grade', { target_date: EXAMPLE_DATE, trigger_source: 't' }, {})).status,
    ).toBe(401);
  });

  it('serves the real Chart.js UMD build and a page that loads it', async () => {
    const chart = await (await request('/static/chart.umd.js')).text();
    expect(chart).toContain('Chart.js v4');
    const page = await (await request('/')).text();
    expect(page).toContain('<script src="/static/chart.umd.js"></script>');
    expect((await request('/static/nope.js')).status).toBe(404);
  });
});

describe('validation answers 400 naming the field', () => {
  const cases: [string, string, unknown, string][] = [
    ['not JSON', '/grade', '{target_date:', 'body'],
    ['an empty body', '/grade', '', 'body'],
    ['a JSON array', '/grade', [1], 'body'],
    ['no target_date', '/grade', { trigger_source: 't' }, 'target_date'],
    [
      'an impossible date',
      '/grade',
      { target_date: '2026-02-30', trigger_source: 't' },
      'target_date',
    ],
    [
      'a date with a time',
      '/grade',
      { target_date: '2026-03-05T00:00:00Z', trigger_source: 't' },
      'target_date',
    ],
    ['no trigger_source', '/grade', { target_date: EXAMPLE_DATE }, 'trigger_source'],
    [
      'a numeric trigger_source',
      '/grade',
      { target_date: EXAMPLE_DATE, trigger_source: 7 },
      'trigger_source',
    ],
    [
      'a bad correlation_id',
      '/grade',
      { target_date: EXAMPLE_DATE, trigger_source: 't', correlation_id: {} },
      'correlation_id',
    ],
    [
      'a bad wait flag',
      '/grade?wait=soon',
      { target_date: EXAMPLE_DATE, trigger_source: 't' },
      'wait',
    ],
    [
      'envelope data not base64',
      '/grade',
      { message: { data: '@@@' }, subscription: 's' },
      'message.data',
    ],
    [
      'envelope data not JSON',
      '/grade',
      { message: { data: Buffer.from('nope').toString('base64') } },
      'message.data',
    ],
    ['backfill from after to', '/backfill', { from: '2026-03-06', to: '2026-03-05' }, 'from'],
    ['backfill over a year', '/backfill', { from: '2024-01-01', to: '2026-03-05' }, 'to'],
    [
      'backfill stale not boolean',
      '/backfill',
      { from: EXAMPLE_DATE, to: EXAMPLE_DATE, stale: 'yes' },
      'stale',
    ],
  ];
  it.each(cases)('%s', async (_name, path, body, field) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 2, field });
  });

  it.each([
    ['/runs?status=nope', 'status'],
    ['/runs?date=2026-13-01', 'date'],
    ['/runs?limit=0', 'limit'],
    ['/accuracy?from=2026-03-06&to=2026-03-05', 'from'],
  ])('GET %s', async (path, field) => {
    const response = await request(path, { headers: AUTH });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 2, field });
  });

  it('answers 413 for a body over the limit and 404 for an unknown route', async () => {
    const big = { target_date: EXAMPLE_DATE, trigger_source: 'x'.repeat(100_000) };
    expect((await post('/grade', big)).status).toBe(413);
    expect((await request('/nowhere', { headers: AUTH })).status).toBe(404);
  });
});

describe('POST /grade', () => {
  it('answers 202 {runId} with Location at once, and the run succeeds in the background', async () => {
    const response = await post('/grade', {
      target_date: EXAMPLE_DATE,
      trigger_source: 'app-test',
      correlation_id: 'c-1',
    });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    expect(response.headers.get('location')).toBe(`/runs/${runId}`);
    const job = server.deps.jobs.get(runId);
    expect(job?.kind).toBe('grade');
    await job?.done;
    const run = (await (await request(`/runs/${runId}`, { headers: AUTH })).json()) as Record<
      string,
      unknown
    >;
    expect(run).toMatchObject({
      runId,
      trigger: 'api',
      triggerSource: 'app-test',
      correlationId: 'c-1',
      status: 'succeeded',
      report: { runId, status: 'succeeded', duplicateKeys: 0 },
    });
  });

  it('with ?wait=1 answers 200 with the grade report', async () => {
    const response = await post('/grade?wait=1', {
      target_date: EXAMPLE_DATE,
      trigger_source: 'app-test',
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Record<string, unknown>;
    expect(report).toMatchObject({
      gameDate: EXAMPLE_DATE,
      trigger: 'api',
      status: 'succeeded',
      sourceDuplicatesDropped: 1,
    });
    expect(response.headers.get('location')).toBe(`/runs/${report.runId}`);
  });

  it('with ?wait=1 maps a coverage refusal (exit 2) to 400 with the report', async () => {
    const response = await post('/grade?wait=1', {
      target_date: '2026-03-01',
      trigger_source: 'app-test',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'refused_coverage', error: { code: 2 } });
  });

  it('accepts a Pub/Sub push envelope with the JSON base64-encoded', async () => {
    const data = Buffer.from(JSON.stringify({ target_date: EXAMPLE_DATE })).toString('base64');
    const envelope = {
      message: { data, messageId: 'msg-42', attributes: {} },
      subscription: 'projects/p/subscriptions/grade',
    };
    const response = await post('/grade?wait=1', envelope);
    expect(response.status).toBe(200);
    const { runId } = (await response.json()) as { runId: string };
    const run = await server.deps.ctx.store.getRun(runId);
    expect(run).toMatchObject({
      trigger: 'api',
      triggerSource: 'pubsub:projects/p/subscriptions/grade',
      correlationId: 'msg-42',
      status: 'succeeded',
    });
  });

  it('resolves "yesterday" in PROPGRADE_TIMEZONE', async () => {
    const response = await post('/grade', { target_date: 'yesterday', trigger_source: 'app-test' });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { gameDate: string; runId: string };
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: server.deps.ctx.config.timeZone,
    }).format(new Date());
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(body.gameDate).toBe(yesterday);
    await server.deps.jobs.get(body.runId)?.done;
  });
});

describe('read APIs', () => {
  it('GET /runs filters the ledger; /runs/:id is 404 for an unknown run', async () => {
    const body = (await (
      await request(`/runs?date=${EXAMPLE_DATE}&status=succeeded&limit=2`, { headers: AUTH })
    ).json()) as {
      runs: { gameDate: string; status: string }[];
    };
    expect(body.runs).toHaveLength(2);
    expect(body.runs.every((r) => r.gameDate === EXAMPLE_DATE && r.status === 'succeeded')).toBe(
      true,
    );
    expect((await request('/runs/no-such-run', { headers: AUTH })).status).toBe(404);
  });

  it('GET /accuracy has the pooled systems and the daily per-system rows', async () => {
    const body = (await (await request('/accuracy', { headers: AUTH })).json()) as {
      systems: { systemId: string; graded: number }[];
      daily: { gameDate: string; systemId: string; graded: number }[];
    };
    expect(body.systems.length).toBeGreaterThan(0);
    const pooled = Object.fromEntries(body.systems.map((s) => [s.systemId, s.graded]));
    for (const row of body.daily) expect(row.gameDate).toBe(EXAMPLE_DATE);
    expect(Object.fromEntries(body.daily.map((d) => [d.systemId, d.graded]))).toEqual(pooled);
  });

  it('GET /validation lists post-write validations; /duplicates counts keys per date', async () => {
    const validation = (await (
      await request('/validation?kind=post_write&limit=3', { headers: AUTH })
    ).json()) as {
      latestDailyCheck: unknown;
      validations: { kind: string; status: string }[];
    };
    expect(validation.validations).toHaveLength(3);
    expect(validation.validations.every((v) => v.kind === 'post_write' && v.status === 'ok')).toBe(
      true,
    );
    const duplicates = (await (await request('/duplicates', { headers: AUTH })).json()) as {
      byDate: { gameDate: string; duplicateKeys: number }[];
    };
    expect(duplicates.byDate).toEqual([
      expect.objectContaining({ gameDate: EXAMPLE_DATE, duplicateKeys: 0 }),
    ]);
  });

  it('POST /backfill?wait=1 grades the range and answers with the backfill report', async () => {
    const response = await post('/backfill?wait=1', { from: '2026-03-04', to: EXAMPLE_DATE });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      summary: Record<string, number>;
      dates: { status: string }[];
    };
    expect(body.summary).toEqual({ succeeded: 1, failed: 0, refused: 1, skipped: 0 });
    expect(body.dates.map((d) => d.status)).toEqual(['refused_coverage', 'succeeded']);
  });
});
