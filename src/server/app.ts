/**
 * The HTTP application (hono): request counting, a body size limit, bearer authentication on
 * everything but health and the dashboard's static files, the routes, and one error handler
 * that maps thrown errors to statuses through their exit codes (400, 409, 503, 500).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bearerAuth } from './auth.js';
import type { ServerDeps } from './deps.js';
import { errorResponse } from './http-status.js';
import { backfillRoutes } from './routes/backfill.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { gradeRoutes } from './routes/grade.js';
import { healthRoutes } from './routes/health.js';
import { readRoutes } from './routes/read.js';

/** Build the app over the server's dependencies (usable in process with `app.request`). */
export function createApp(deps: ServerDeps): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    deps.metrics.countRequest(c.req.method, c.req.routePath || 'unmatched', c.res.status);
  });
  app.use(
    bodyLimit({
      maxSize: deps.bodyLimitBytes,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 2,
              type: 'PayloadTooLarge',
              message: `the body is larger than ${deps.bodyLimitBytes} bytes`,
            },
          },
          413,
        ),
    }),
  );
  app.use(bearerAuth(deps.token));
  healthRoutes(app, deps);
  dashboardRoutes(app);
  gradeRoutes(app, deps);
  backfillRoutes(app, deps);
  readRoutes(app, deps);
  app.notFound((c) =>
    c.json(
      { error: { code: 2, type: 'NotFound', message: `no route ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );
  app.onError((err, c) => {
    const response = errorResponse(c, err);
    if (response.status >= 500) deps.ctx.log.error({ err, path: c.req.path }, 'request failed');
    return response;
  });
  return app;
}
