/**
 * `POST /backfill {from, to, stale?, resume?, trigger_source?}`: grade a range in the
 * background, each date under its own lease (the pipeline's backfill); 202 `{backfillId}` with
 * `Location: /backfills/<id>`, or with `?wait=1` the backfill report once done (up to the lock
 * wait). `GET /backfills/:id` shows a backfill this process started.
 */
import type { Context, Hono } from 'hono';
import type { ServerDeps } from '../deps.js';
import { httpStatusFor } from '../http-status.js';
import type { BackfillJob, BackfillOutcome } from '../jobs.js';
import { parseBackfillRequest } from '../request.js';
import { drainingAnswer, jsonBody, queryFlag, settleWithin } from './common.js';

function accepted(c: Context, job: BackfillJob): Response {
  c.header('Location', `/backfills/${job.id}`);
  return c.json({ backfillId: job.id, from: job.from, to: job.to, status: 'accepted' }, 202);
}

function finishedAnswer(c: Context, job: BackfillJob, outcome: BackfillOutcome): Response {
  return c.json(
    {
      backfillId: job.id,
      status: 'finished',
      exitCode: outcome.exitCode,
      error: outcome.error,
      ...outcome.report,
    },
    httpStatusFor(outcome.exitCode),
  );
}

/** Register `POST /backfill` and `GET /backfills/:id`. */
export function backfillRoutes(app: Hono, deps: ServerDeps): void {
  app.post('/backfill', async (c) => {
    if (deps.state.draining) return drainingAnswer(c);
    const request = parseBackfillRequest(await jsonBody(c), deps.ctx.config.timeZone);
    const job = deps.jobs.startBackfill({ ...request, trigger: 'backfill' });
    if (!queryFlag(c, 'wait')) return accepted(c, job);
    const outcome = await settleWithin(job.done, deps.ctx.config.lockWaitMs);
    return outcome ? finishedAnswer(c, job, outcome) : accepted(c, job);
  });

  app.get('/backfills/:id', (c) => {
    const job = deps.jobs.get(c.req.param('id'));
    if (job?.kind !== 'backfill')
      return c.json(
        { error: { code: 2, type: 'NotFound', message: 'no such backfill on this server' } },
        404,
      );
    const outcome = deps.jobs.backfillOutcomeOf(job.id);
    if (!outcome)
      return c.json({ backfillId: job.id, from: job.from, to: job.to, status: 'running' });
    return c.json({
      backfillId: job.id,
      status: 'finished',
      exitCode: outcome.exitCode,
      error: outcome.error,
      ...outcome.report,
    });
  });
}
