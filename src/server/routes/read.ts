/**
 * Read-only JSON APIs over the store: the run ledger (`/runs`, `/runs/:id`), accuracy pooled from
 * graded rows with its daily per-system figures (`/accuracy`), the daily figures alone
 * (`/performance`, cheap: system_daily_performance only), validation history (`/validation`) and
 * duplicate keys per date (`/duplicates`). Ranges are optional `from`/`to` query dates; absent
 * means all.
 */
import type { Context, Hono } from 'hono';
import { RUN_STATUSES } from '../../domain/types.js';
import { InputError } from '../../errors.js';
import { accuracy } from '../../pipeline/accuracy.js';
import type { ServerDeps } from '../deps.js';
import { queryChoice, queryDate, queryLimit } from './common.js';

/** Default and largest page of runs and validation results. */
export const READ_LIMITS = {
  runs: 100,
  maxRuns: 5000,
  validations: 20,
  maxValidations: 500,
} as const;

function rangeOf(c: Context): { from?: string; to?: string } {
  const from = queryDate(c, 'from');
  const to = queryDate(c, 'to');
  if (from && to && from > to)
    throw new InputError(`"from" ${from} is after "to" ${to}`, { field: 'from' });
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function notFound(c: Context, what: string): Response {
  return c.json({ error: { code: 2, type: 'NotFound', message: `no such ${what}` } }, 404);
}

async function runById(c: Context, deps: ServerDeps): Promise<Response> {
  const runId = c.req.param('id') ?? '';
  const record = await deps.ctx.store.getRun(runId);
  const outcome = deps.jobs.gradeOutcome(runId);
  const report = outcome ? { report: outcome.report } : {};
  if (record) return c.json({ ...record, ...report });
  const job = deps.jobs.get(runId);
  if (job?.kind !== 'grade') return notFound(c, 'run');
  const status = outcome ? outcome.report.status : 'queued';
  return c.json({ runId, gameDate: job.gameDate, trigger: 'api', status, ...report });
}

/** Register the read-only APIs. */
export function readRoutes(app: Hono, deps: ServerDeps): void {
  const { store } = deps.ctx;
  app.get('/runs', async (c) => {
    const runs = await store.listRuns({
      ...rangeOf(c),
      gameDate: queryDate(c, 'date'),
      status: queryChoice(c, 'status', RUN_STATUSES),
      limit: queryLimit(c, 'limit', READ_LIMITS.runs, READ_LIMITS.maxRuns),
    });
    return c.json({ runs });
  });
  app.get('/runs/:id', (c) => runById(c, deps));
  app.get('/accuracy', async (c) => {
    const range = { ...rangeOf(c), systemId: c.req.query('system') || undefined };
    const [report, daily] = await Promise.all([
      accuracy(store, range),
      store.readPerformance(range),
    ]);
    return c.json({ ...report, daily });
  });
  app.get('/performance', async (c) => {
    const range = { ...rangeOf(c), systemId: c.req.query('system') || undefined };
    return c.json({ daily: await store.readPerformance(range) });
  });
  app.get('/validation', async (c) => {
    const kind = queryChoice(c, 'kind', ['post_write', 'daily_check'] as const);
    const limit = queryLimit(c, 'limit', READ_LIMITS.validations, READ_LIMITS.maxValidations);
    const [validations, latestDaily] = await Promise.all([
      store.listValidations({ kind, limit }),
      store.listValidations({ kind: 'daily_check', limit: 1 }),
    ]);
    return c.json({ latestDailyCheck: latestDaily[0] ?? null, validations });
  });
  app.get('/duplicates', async (c) => {
    const range = rangeOf(c);
    return c.json({
      from: range.from ?? null,
      to: range.to ?? null,
      byDate: await store.duplicatesByDate(range),
    });
  });
}
