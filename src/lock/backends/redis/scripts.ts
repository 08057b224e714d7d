/**
 * Lua scripts of the Redis lock backend. Each runs atomically on the server. KEYS[1] is the
 * lease (a JSON value with holder, runId, fence, acquiredAt, expiring by PX); KEYS[2], where
 * used, is the key's persistent fence counter `<key>:fence`. Times come from `TIME`.
 *
 * Lease values are built by string concatenation from JSON text made on the client, so the
 * owner check is a prefix comparison: no cjson on the acquire, renew or release path.
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
 * Take the lease if absent: fence = max(counter, ARGV[3]) + 1, stored in KEYS[2] (one INCR
 * unless the floor is higher). The value is ARGV[1], the JSON text of the owner without its
 * closing brace (`{"runId":…,"holder":…`, see `ownerJson`), completed with fence and acquiredAt.
 * ARGV: ownerJson, ttlMs, fenceFloor.
 * Returns {1, fence, acquiredAtMs, expiresAtMs} or {0, currentValue, pttl, nowMs}.
 */
export const ACQUIRE_SCRIPT = `${NOW_MS}
local current = redis.call('GET', KEYS[1])
if current then
  return {0, current, redis.call('PTTL', KEYS[1]), now_ms()}
end
local floor = tonumber(ARGV[3])
local fence = redis.call('INCR', KEYS[2])
if fence <= floor then
  fence = floor + 1
  redis.call('SET', KEYS[2], string.format('%d', fence))
end
fence = string.format('%d', fence)
local ttl = tonumber(ARGV[2])
local now = now_ms()
redis.call('SET', KEYS[1],
  ARGV[1] .. ',"fence":"' .. fence .. '","acquiredAt":"' .. string.format('%d', now) .. '"}',
  'PX', ttl)
return {1, fence, now, now + ttl}
`;

/**
 * True when the lease value `current` starts with ARGV[1], the owner prefix `{"runId":<json>,`
 * (see `runIdPrefix`): the value's own run id, compared whole, without decoding the JSON.
 */
const OWNED = `
local function owned(current)
  return current and string.sub(current, 1, string.len(ARGV[1])) == ARGV[1]
end
`;

/** PEXPIRE KEYS[1] by ARGV[2] ms only if its run id prefix is ARGV[1]. Returns 1 or 0. */
export const RENEW_SCRIPT = `${OWNED}
if not owned(redis.call('GET', KEYS[1])) then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/** DEL KEYS[1] only if its run id prefix is ARGV[1]. Returns 1 or 0. */
export const RELEASE_SCRIPT = `${OWNED}
if not owned(redis.call('GET', KEYS[1])) then return 0 end
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
 * The owner part of a lease value: `{"runId":<runId>,"holder":<holder>` as JSON text, without
 * the closing brace. The run id comes first so that `runIdPrefix` identifies the owner.
 */
export function ownerJson(runId: string, holder: string): string {
  return `${runIdPrefix(runId)}"holder":${JSON.stringify(holder)}`;
}

/** `{"runId":<runId>,` as JSON text: the start of every lease value that `runId` owns. */
export function runIdPrefix(runId: string): string {
  return `{"runId":${JSON.stringify(runId)},`;
}

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
