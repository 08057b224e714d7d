/**
 * `POST /grade`: start grading a date in the background and answer 202 `{runId}` with
 * `Location: /runs/<id>`. `?wait=1` waits up to the lock wait for the run and answers with its
 * grade report (status from its exit code); `?no_wait=1` tries the lease once and answers 409
 * naming the holder when the date is held.
 */
import type { Context, Hono } from 'hono';
import { LockTimeoutError, primaryError } from '../../errors.js';
import type { GradeOutcome } from '../../pipeline/grade.js';
import type { ServerDeps } from '../deps.js';
import { httpStatusFor } from '../http-status.js';
import type { GradeJob } from '../jobs.js';
import { parseGradeRequest } from '../request.js';
import { drainingAnswer, jsonBody, queryFlag, settleWithin } from './common.js';

/** The answer for a finished run: its report, with the status its exit code maps to. */
export function reportAnswer(c: Context, outcome: GradeOutcome): Response {
  c.header('Location', `/runs/${outcome.report.runId}`);
  return c.json(outcome.report, httpStatusFor(outcome.exitCode));
}

function accepted(c: Context, job: GradeJob): Response {
  c.header('Location', `/runs/${job.id}`);
  return c.json({ runId: job.id, gameDate: job.gameDate, status: 'accepted' }, 202);
}

function heldAnswer(c: Context, job: GradeJob, err: LockTimeoutError): Response {
  c.header('Location', `/runs/${job.id}`);
  return c.json(
    {
      error: { code: 3, type: err.name, message: err.message },
      runId: job.id,
      key: err.key,
      holder: err.holder,
      expiresAt: err.expiresAt,
    },
    409,
  );
}

/** With `no_wait`: an answer as soon as the lease is decided, or null when it was taken. */
async function leaseAnswer(c: Context, job: GradeJob): Promise<Response | null> {
  const first = await Promise.race([job.lease, job.done.then((outcome) => ({ outcome }) as const)]);
  if ('outcome' in first) return reportAnswer(c, first.outcome);
  if (first.acquired) return null;
  const error = primaryError(first.error);
  if (error instanceof LockTimeoutError) return heldAnswer(c, job, error);
  return reportAnswer(c, await job.done);
}

/** Register `POST /grade`. */
export function gradeRoutes(app: Hono, deps: ServerDeps): void {
  app.post('/grade', async (c) => {
    if (deps.state.draining) return drainingAnswer(c);
    const request = parseGradeRequest(await jsonBody(c), deps.ctx.config.timeZone);
    const job = deps.jobs.startGrade({
      gameDate: request.gameDate,
      trigger: 'api',
      triggerSource: request.triggerSource,
      correlationId: request.correlationId,
      noWait: queryFlag(c, 'no_wait'),
    });
    if (queryFlag(c, 'no_wait')) {
      const early = await leaseAnswer(c, job);
      if (early) return early;
    }
    if (!queryFlag(c, 'wait')) return accepted(c, job);
    const outcome = await settleWithin(job.done, deps.ctx.config.lockWaitMs);
    return outcome ? reportAnswer(c, outcome) : accepted(c, job);
  });
}
