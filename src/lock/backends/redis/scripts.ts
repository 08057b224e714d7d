/**
 * Lua scripts of the Redis lock backend. Each runs atomically on the server. KEYS[1] is the
 * lease (a JSON value with holder, runId, fence, acquiredAt, expiring by PX); KEYS[2], where
 * used, is the key's persistent fence counter `<key>:fence`. Times come from `TIME`.
 *
 * The backend registers them with ioredis `defineCommand`, so each call is one EVALSHA round
 * trip; ioredis sends the body (EVAL) once per connection and again after a NOSCRIPT reply.
 */

const NOW_MS = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * Take the lease if absent: fence = max(counter, ARGV[4]) + 1, stored in KEYS[2].
 * ARGV: holder, runId, ttlMs, fenceFloor.
 * Returns {1, fence, acquiredAtMs, expiresAtMs} or {0, currentValue, pttl, nowMs}.
 */
export const ACQUIRE_SCRIPT = `${NOW_MS}
local current = redis.call('GET', KEYS[1])
if current then
  return {0, current, redis.call('PTTL', KEYS[1]), now_ms()}
end
local counter = tonumber(redis.call('GET', KEYS[2]) or '0')
local fence = string.format('%d', math.max(counter, tonumber(ARGV[4])) + 1)
local ttl = tonumber(ARGV[3])
local now = now_ms()
local value = cjson.encode({holder = ARGV[1], runId = ARGV[2],
  fence = fence, acquiredAt = string.format('%d', now)})
redis.call('SET', KEYS[2], fence)
redis.call('SET', KEYS[1], value, 'PX', ttl)
return {1, fence, now, now + ttl}
`;

/** PEXPIRE KEYS[1] by ARGV[2] ms only if its runId is ARGV[1]. Returns 1 or 0. */
export const RENEW_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if cjson.decode(current).runId ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/** DEL KEYS[1] only if its runId is ARGV[1]. Returns 1 or 0. */
export const RELEASE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if cjson.decode(current).runId ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;

/** The lease value with its remaining TTL and the server time: {value, pttl, nowMs} or nil. */
export const INSPECT_SCRIPT = `${NOW_MS}
local current = redis.call('GET', KEYS[1])
if not current then return nil end
return {current, redis.call('PTTL', KEYS[1]), now_ms()}
`;

/** Like INSPECT_SCRIPT, then DEL whatever the owner (force release). */
export const FORCE_RELEASE_SCRIPT = `${NOW_MS}
local current = redis.call('GET', KEYS[1])
if not current then return nil end
local pttl = redis.call('PTTL', KEYS[1])
redis.call('DEL', KEYS[1])
return {current, pttl, now_ms()}
`;

/**
 * The scripts as ioredis custom commands: name, number of KEYS, body. The names carry a
 * `propgrade` prefix so they never shadow an ioredis method.
 */
export const LOCK_SCRIPTS = {
  propgradeLockAcquire: { numberOfKeys: 2, lua: ACQUIRE_SCRIPT },
  propgradeLockRenew: { numberOfKeys: 1, lua: RENEW_SCRIPT },
  propgradeLockRelease: { numberOfKeys: 1, lua: RELEASE_SCRIPT },
  propgradeLockInspect: { numberOfKeys: 1, lua: INSPECT_SCRIPT },
  propgradeLockForceRelease: { numberOfKeys: 1, lua: FORCE_RELEASE_SCRIPT },
} as const;

/** The name of one lock script command. */
export type LockScriptName = keyof typeof LOCK_SCRIPTS;
