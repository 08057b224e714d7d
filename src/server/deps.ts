/** What every route of the app is given. */
import type { ServiceMetrics } from '../metrics/registry.js';
import type { PipelineContext } from '../pipeline/context.js';
import type { JobBoard } from './jobs.js';

/** The server's shared state: the pipeline context, its jobs, metrics and settings. */
export interface ServerDeps {
  ctx: PipelineContext;
  jobs: JobBoard;
  metrics: ServiceMetrics;
  /** The bearer token; null only with `--insecure-no-auth` on loopback. */
  token: string | null;
  /** True once shutdown began: no new work, /readyz answers 503. */
  state: { draining: boolean };
  /** Largest accepted request body in bytes. */
  bodyLimitBytes: number;
}

/** Default largest request body: 64 KiB is plenty for the JSON the API takes. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
