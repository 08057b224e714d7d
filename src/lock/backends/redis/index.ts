/**
 * Redis lock backend: a lease is a key set with NX semantics and PX expiry, so Redis's own clock
 * expires a crashed holder's lease; renew and release are Lua scripts that check the run id
 * first. Every operation is one EVALSHA round trip (see scripts.ts). Fence counters live in separate keys without expiry; if Redis loses them (restart
 * without persistence), the caller's fence floor keeps issued tokens above the store's.
 */
import { Redis } from 'ioredis';
import { UnavailableError } from '../../../errors.js';
import type { AcquireAttempt, LeaseInfo, LeaseOwner, LockBackend } from '../../backend.js';
import { redactUrl } from '../../redact.js';
import { LOCK_SCRIPTS, type LockScriptName, ownerJson, runIdPrefix } from './scripts.js';

/** Client settings that make an unreachable or stuck server fail within seconds. */
const REDIS_TIMEOUTS = { connectMs: 2000, commandMs: 2000, maxReconnectDelayMs: 1000 } as const;

/** The fence counter key of a lease key. */
export function fenceKeyOf(key: string): string {
  return `${key}:fence`;
}

/** Connect explicitly (no offline queue). Throws UnavailableError when Redis cannot be reached. */
export async function openRedisLockBackend(url: string): Promise<LockBackend> {
  const target = redactUrl(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: REDIS_TIMEOUTS.connectMs,
    commandTimeout: REDIS_TIMEOUTS.commandMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 100, REDIS_TIMEOUTS.maxReconnectDelayMs),
  });
  for (const [name, definition] of Object.entries(LOCK_SCRIPTS))
    redis.defineCommand(name, definition);
  let lastError: unknown;
  redis.on('error', (err) => {
    lastError = err;
  });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw unavailable(target, lastError ?? err);
  }
  return new RedisLockBackend(redis, target);
}

type ScriptReply = [string | number, string | number, number, number] | null;

/** The lock scripts as methods (added by `defineCommand`): KEYS then ARGV. */
type ScriptCommands = Record<
  LockScriptName,
  (...keysAndArgs: (string | number)[]) => Promise<unknown>
>;

class RedisLockBackend implements LockBackend {
  readonly mode = 'redis' as const;

  constructor(
    private readonly redis: Redis,
    readonly target: string,
  ) {}

  async tryAcquire(
    key: string,
    owner: LeaseOwner,
    ttlMs: number,
    fenceFloor: number,
  ): Promise<AcquireAttempt> {
    const reply = await this.script(
      'propgradeLockAcquire',
      key,
      fenceKeyOf(key),
      ownerJson(owner.runId, owner.holder),
      ttlMs,
      fenceFloor,
    );
    if (!Array.isArray(reply)) {
      throw new UnavailableError(`lock backend ${this.target} gave no answer`, this.target);
    }
    const [taken, second, third, fourth] = reply;
    if (Number(taken) === 1) {
      return {
        acquired: true,
        fence: Number(second),
        acquiredAt: new Date(third),
        expiresAt: new Date(fourth),
      };
    }
    return { acquired: false, current: leaseInfo(key, String(second), third, fourth) };
  }

  async renew(key: string, runId: string, ttlMs: number): Promise<boolean> {
    return (await this.script('propgradeLockRenew', key, runIdPrefix(runId), ttlMs)) === 1;
  }

  async release(key: string, runId: string): Promise<boolean> {
    return (await this.script('propgradeLockRelease', key, runIdPrefix(runId))) === 1;
  }

  async inspect(key: string): Promise<LeaseInfo | null> {
    return this.leaseFrom(key, await this.script('propgradeLockInspect', key));
  }

  async list(prefix: string): Promise<LeaseInfo[]> {
    const keys = await this.scan(`${escapeGlob(prefix)}*`);
    const leaseKeys = keys.filter((key) => !key.endsWith(':fence')).sort();
    const leases = await Promise.all(leaseKeys.map((key) => this.inspect(key)));
    return leases.filter((lease): lease is LeaseInfo => lease !== null);
  }

  async forceRelease(key: string): Promise<LeaseInfo | null> {
    return this.leaseFrom(key, await this.script('propgradeLockForceRelease', key));
  }

  async ping(): Promise<void> {
    await this.call(() => this.redis.ping());
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.redis.quit(), new Promise((r) => setTimeout(r, 500).unref())]);
    } catch {
      // Already closed or unreachable.
    }
    this.redis.disconnect();
  }

  private leaseFrom(key: string, reply: ScriptReply | number): LeaseInfo | null {
    if (!Array.isArray(reply)) return null;
    const [value, pttl, nowMs] = reply;
    return leaseInfo(key, String(value), Number(pttl), Number(nowMs));
  }

  private async scan(pattern: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.call(() =>
        this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500),
      );
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return [...new Set(found)];
  }

  /** One EVALSHA of a lock script (KEYS, then ARGV, as LOCK_SCRIPTS declares them). */
  private script(
    name: LockScriptName,
    ...keysAndArgs: (string | number)[]
  ): Promise<ScriptReply | number> {
    const commands = this.redis as unknown as ScriptCommands;
    return this.call(() => commands[name](...keysAndArgs) as Promise<ScriptReply | number>);
  }

  /** Run a command; anything but a script's own reply error means Redis is unavailable. */
  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (err) {
      if (err instanceof Error && err.name === 'ReplyError') throw err;
      throw unavailable(this.target, err);
    }
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

function leaseInfo(key: string, value: string, pttlMs: number, nowMs: number): LeaseInfo {
  const lease = JSON.parse(value) as {
    holder: string;
    runId: string;
    fence: string;
    acquiredAt: string;
  };
  return {
    key,
    holder: lease.holder,
    runId: lease.runId,
    fence: Number(lease.fence),
    acquiredAt: new Date(Number(lease.acquiredAt)).toISOString(),
    expiresAt: new Date(nowMs + Math.max(pttlMs, 0)).toISOString(),
    expired: false,
  };
}

function unavailable(target: string, err: unknown): UnavailableError {
  const reason = err instanceof Error ? err.message : String(err);
  return new UnavailableError(`lock backend ${target} is unavailable: ${reason}`, target, {
    cause: err,
  });
}
