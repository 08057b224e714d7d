/**
 * Test services for the lock tests: the shared PostgreSQL and Redis (probed, skipped loudly when
 * absent, failing when CI=true), free ports, and private redis-server processes for destructive
 * tests (the shared Redis on 6379 is never restarted or flushed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Shared service URLs (SPEC section 8). */
export const TEST_PG_URL =
  process.env.PROPGRADE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.PROPGRADE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when PostgreSQL answers within 2 s. */
export async function pgReachable(url: string = TEST_PG_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** True when Redis answers PING within 2 s. */
export async function redisReachable(url: string = TEST_REDIS_URL): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Whether a service's tests may run: absent means a loud skip, or a failure when CI=true. */
export function serviceAvailable(name: string, reachable: boolean): boolean {
  if (reachable) return true;
  const message = `${name} is not reachable: its lock tests are SKIPPED (see SPEC section 8 to start it)`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI=true makes this a failure`);
  console.warn(`\n!!!!! ${message} !!!!!\n`);
  return false;
}

/** A TCP port on 127.0.0.1 nothing listens on (at the moment of asking). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server child process without persistence, owned by one test file. */
export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** Kill the server (SIGKILL): everything in memory is lost. */
  stop(): Promise<void>;
  /** Start it again on the same port, empty. */
  start(): Promise<void>;
}

/** Start a private redis-server on a free port; call `stop()` in afterAll. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'propgrade-redis-'));
  let child: ChildProcess | undefined;
  const handle: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = await spawnRedis(port, dir);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (running && running.exitCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGKILL');
        await exited;
      }
    },
  };
  await handle.start();
  process.once('exit', () => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}

async function spawnRedis(port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', [...args, '--daemonize', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start: ${output}`)),
      10_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
  return child;
}
