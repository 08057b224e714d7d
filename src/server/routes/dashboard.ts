/**
 * The dashboard: the page at `/` and its static files under `/static/` (public: they hold no
 * data; the page fetches the authenticated JSON APIs with the token it is given). Chart.js is
 * served from the installed package's UMD build, located through Node's resolution of
 * `chart.js`, so no build step and no copy of the library is needed.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import { API_JS } from '../static/api-client.js';
import { DASHBOARD_JS } from '../static/dashboard.js';
import { DASHBOARD_HTML } from '../static/page.js';
import { DASHBOARD_CSS } from '../static/style.js';
import { TRANSFORMS_JS } from '../static/transforms.js';

const JS = 'text/javascript; charset=utf-8';

/** The static files by path, with their content types. */
const FILES: Record<string, { body: string; type: string }> = {
  '/static/dashboard.css': { body: DASHBOARD_CSS, type: 'text/css; charset=utf-8' },
  '/static/api.js': { body: API_JS, type: JS },
  '/static/transforms.js': { body: TRANSFORMS_JS, type: JS },
  '/static/dashboard.js': { body: DASHBOARD_JS, type: JS },
};

/** Same-origin scripts only; Chart.js sets inline styles on its canvases. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Absolute path of Chart.js's UMD build (`dist/chart.umd.js` beside the package's main file). */
export function chartUmdPath(): string {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return join(dirname(main), 'chart.umd.js');
}

let chartSource: Promise<string> | undefined;

function serve(c: Context, body: string, type: string): Response {
  return c.body(body, 200, {
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
}

/** Register `/` and `/static/*`. */
export function dashboardRoutes(app: Hono): void {
  app.get('/', (c) => {
    c.header('Content-Security-Policy', CSP);
    c.header('Referrer-Policy', 'no-referrer');
    return serve(c, DASHBOARD_HTML, 'text/html; charset=utf-8');
  });
  app.get('/static/chart.umd.js', async (c) => {
    chartSource ??= readFile(chartUmdPath(), 'utf8').catch((err: unknown) => {
      chartSource = undefined;
      throw err;
    });
    return serve(c, await chartSource, JS);
  });
  app.get('/static/:file', (c) => {
    const file = FILES[c.req.path];
    return file
      ? serve(c, file.body, file.type)
      : c.json({ error: { code: 2, type: 'NotFound', message: 'no such file' } }, 404);
  });
}
