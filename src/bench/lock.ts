/**
 * Scenario lock: acquire plus release of one key through propgrade's DistributedLock, in process,
 * on each backend (p50 and p99 of N operations per run); on the same Redis,
 * `@sesamecare-oss/redlock` acquire plus release as the peer, the two interleaved run by run
 * (alternating which goes first), compared by the ratio of their medians.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DistributedLock } from '../lock/distributed-lock.js';
import { openLockBackend } from '../lock/open.js';
import type { BenchEnv } from './env.js';
import { type Measurement, measurement, type ScenarioResult } from './result.js';
import { percentile } from './stats.js';

export const LOCK_METHOD =
  'In process: DistributedLock.acquire (no wait, TTL 30 s, fence floor 0) then lease.release() of one key, timed per operation with performance.now(); sqlite: a .locks file, postgres: the lease table in a fresh schema, redis: the shared server in a unique namespace. Peer: @sesamecare-oss/redlock 1.4.0 (one ioredis client, retryCount 0) acquire([key], 30000) then release(), same Redis. 3 × --runs runs rounded up to an even number, each timing 2,000 operations per backend after a warm-up (run ids from a counter, no UUID in the timed path); ours and redlock alternate which goes first, both warmed up again right before their pair; p50/p99 per run, median over runs; ratio = our median p50 / redlock median p50.';

type Op = () => Promise<void>;
const TTL_MS = 30_000;
const OWN_BACKENDS = ['sqlite', 'postgres', 'redis'] as const;
type LockTarget = (typeof OWN_BACKENDS)[number] | 'redlock';

async function timeOps(op: Op, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await op();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function ownLock(env: BenchEnv, backend: (typeof OWN_BACKENDS)[number]) {
  const url =
    backend === 'sqlite'
      ? `sqlite:${join(env.workDir, 'bench.locks')}`
      : backend === 'postgres'
        ? await env.newSchema('locks')
        : env.redisUrl;
  const lock = new DistributedLock(await openLockBackend(url), { namespace: env.namespace });
  let counter = 0;
  const op: Op = async () => {
    const runId = `${env.tag}-${backend}-${counter++}`;
    const lease = await lock.acquire('grading_2026-01-10', {
      runId,
      holder: `bench:${process.pid}/${runId}`,
      ttlMs: TTL_MS,
      noWait: true,
      fenceFloor: 0,
    });
    await lease.release();
  };
  return { op, close: () => lock.close() };
}

async function redlockPeer(env: BenchEnv) {
  const { Redlock } = await import('@sesamecare-oss/redlock');
  const client = new Redis(env.redisUrl, { lazyConnect: true });
  await client.connect();
  const redlock = new Redlock([client], { retryCount: 0 });
  const key = `${env.namespace}:redlock:grading_2026-01-10`;
  const op: Op = async () => {
    const lock = await redlock.acquire([key], TTL_MS);
    await lock.release();
  };
  return { op, close: async () => void (await client.quit()) };
}

/** Delete every Redis key of this bench run's namespace (fence counters have no expiry). */
async function dropNamespace(env: BenchEnv): Promise<void> {
  const client = new Redis(env.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${env.namespace}*`, 'COUNT', 500);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

type Samples = Record<LockTarget, { p50: number[]; p99: number[] }>;

/**
 * Runs of the lock scenario, rounded up to an even number so that ours and redlock go first
 * equally often (the first of the pair runs right after PostgreSQL's operations, both warmed up).
 */
function evenRuns(env: BenchEnv): number {
  const runs = env.args.runs * env.sizes.lockRunsPerRun;
  return runs + (runs % 2);
}

async function collect(env: BenchEnv): Promise<Samples> {
  const ops = {
    sqlite: await ownLock(env, 'sqlite'),
    postgres: await ownLock(env, 'postgres'),
    redis: await ownLock(env, 'redis'),
    redlock: await redlockPeer(env),
  };
  const samples = Object.fromEntries(
    Object.keys(ops).map((k) => [k, { p50: [], p99: [] }]),
  ) as unknown as Samples;
  try {
    for (const target of Object.values(ops)) await timeOps(target.op, env.sizes.lockWarmup);
    for (let run = 0; run < evenRuns(env); run++) {
      const pair = run % 2 ? (['redlock', 'redis'] as const) : (['redis', 'redlock'] as const);
      const order: LockTarget[] = ['sqlite', 'postgres', ...pair];
      for (const target of order) {
        if (target === pair[0])
          for (const t of pair) await timeOps(ops[t].op, env.sizes.lockWarmup);
        const times = await timeOps(ops[target].op, env.sizes.lockOps);
        samples[target].p50.push(percentile(times, 50));
        samples[target].p99.push(percentile(times, 99));
      }
      env.log(
        `lock run ${run + 1}: p50 ${order.map((t) => `${t} ${samples[t].p50.at(-1)!.toFixed(3)} ms`).join(', ')}`,
      );
    }
  } finally {
    for (const target of Object.values(ops)) await target.close();
    await dropNamespace(env);
  }
  return samples;
}

function measurementsOf(samples: Samples, ops: number): Measurement[] {
  const out: Measurement[] = [];
  for (const backend of OWN_BACKENDS) {
    const peer = backend === 'redis';
    for (const stat of ['p50', 'p99'] as const) {
      out.push(
        measurement({
          name: `${backend}: acquire+release ${stat}`,
          unit: 'ms',
          runs: samples[backend][stat],
          reference: peer ? { name: `redlock ${stat}`, runs: samples.redlock[stat] } : undefined,
          target: peer && stat === 'p50' ? { bound: 'max', of: 'ratio', value: 1.0 } : undefined,
          extra: { operationsPerRun: ops },
        }),
      );
    }
  }
  return out;
}

/** Run the scenario. */
export async function lockScenario(env: BenchEnv): Promise<Omit<ScenarioResult, 'durationMs'>> {
  const samples = await collect(env);
  return {
    name: 'lock',
    status: 'ok',
    method: LOCK_METHOD,
    measurements: measurementsOf(samples, env.sizes.lockOps),
  };
}
