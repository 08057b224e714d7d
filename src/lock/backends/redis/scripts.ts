/**
 * Lua scripts of the Redis lock backend. Each runs atomically on the server. KEYS[1] is the
 * lease (a JSON value with holder, runId, fence, acquiredAt, expiring by PX); KEYS[2], where
 * used, is the key's persistent fence counter `<key>:fence`. Times come from `TIME`.
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
local fence = math.max(counter, tonumber(ARGV[4])) + 1
local ttl = tonumber(ARGV[3])
local now = now_ms()
local value = cjson.encode({holder = ARGV[1], runId = ARGV[2],
  fence = string.format('%d', fence), acquiredAt = string.format('%d', now)})
redis.call('SET', KEYS[2], string.format('%d', fence))
redis.call('SET', KEYS[1], value, 'PX', ttl)
return {1, string.format('%d', fence), now, now + ttl}
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
