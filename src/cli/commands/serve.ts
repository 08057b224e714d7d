/** `propgrade serve`: the HTTP trigger, Prometheus metrics and the dashboard, until SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_SHUTDOWN_GRACE_MS, startServer } from '../../server/server.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, parsePositiveInt, withCommonOptions } from '../options.js';
import { printJson, say } from '../output.js';
import { action } from '../run.js';

type Opts = Record<string, unknown> & {
  port: number;
  host: string;
  schedule?: string;
  insecureNoAuth?: boolean;
  shutdownGrace: number;
};

/** Parser for a TCP port (0 picks a free one). */
export function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError(`"${value}" is not a port number (0-65535)`);
  return Number(value);
}

/** Resolves with the first of the signals received. */
function nextSignal(signals: readonly NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = signals.map((signal) => {
      const handler = () => {
        for (const [s, h] of handlers) process.off(s, h);
        resolve(signal);
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
  });
}

export function registerServe(program: Command): void {
  withCommonOptions(catalogCommand(program, 'serve'))
    .option('--port <port>', 'TCP port (0 picks a free one)', parsePort, 8080)
    .option('--host <address>', 'address to bind (0.0.0.0 for every interface)', '127.0.0.1')
    .option(
      '--schedule <cron>',
      'grade yesterday, then re-grade stale dates of the last 7 days, on this cron',
    )
    .option('--insecure-no-auth', 'serve without PROPGRADE_API_TOKEN (loopback addresses only)')
    .option(
      '--shutdown-grace <ms>',
      'at SIGTERM, how long running grades may finish before they are aborted',
      parsePositiveInt,
      DEFAULT_SHUTDOWN_GRACE_MS,
    )
    .action(
      action(async (opts: Opts) => {
        const server = await startServer({
          flags: configFlags(opts),
          port: opts.port,
          host: opts.host,
          schedule: opts.schedule ?? null,
          insecureNoAuth: opts.insecureNoAuth ?? false,
          shutdownGraceMs: opts.shutdownGrace,
        });
        const listening = {
          url: server.url,
          port: server.port,
          host: server.host,
          auth: server.deps.token !== null,
        };
        if (opts.json)
          printJson({
            ...listening,
            schedule: opts.schedule ?? null,
            nextRun: server.schedule?.nextRun() ?? null,
          });
        else
          say(`propgrade serve: listening on ${server.url}${listening.auth ? '' : ' (NO AUTH)'}`);
        const signal = await nextSignal(['SIGTERM', 'SIGINT']);
        server.deps.ctx.log.info({ signal }, 'shutting down');
        await server.shutdown();
        return 0;
      }),
    );
}
