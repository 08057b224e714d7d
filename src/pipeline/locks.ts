/** Operating locks: list, show, and force release (recorded, and fencing out the old holder). */

import { InputError, UnavailableError } from '../errors.js';
import type { LeaseInfo } from '../lock/backend.js';
import { LOCK_TYPES, type LockType } from '../lock/keys.js';
import type { PipelineContext } from './context.js';
import { RESOURCE_OF } from './lease.js';

function requireLock(ctx: PipelineContext) {
  if (!ctx.lock)
    throw new InputError('locks: there is no lock backend with --lock none', { field: '--lock' });
  return ctx.lock;
}

/** Split `grading_2026-01-17` into its type and scope; bad keys are usage errors. */
export function parseLockKey(key: string): { type: LockType; scope: string } {
  const at = key.indexOf('_');
  const type = key.slice(0, at) as LockType;
  if (at < 1 || !LOCK_TYPES.includes(type)) {
    throw new InputError(`lock key "${key}" must look like <${LOCK_TYPES.join('|')}>_<date>`, {
      field: 'KEY',
    });
  }
  return { type, scope: key.slice(at + 1) };
}

/** Every lease of this namespace. */
export function listLocks(ctx: PipelineContext): Promise<LeaseInfo[]> {
  return requireLock(ctx).list();
}

/** One lease, or null. */
export function showLock(ctx: PipelineContext, key: string): Promise<LeaseInfo | null> {
  parseLockKey(key);
  return requireLock(ctx).show(key);
}

/** Remove a lease whatever its owner; advance the partition's fence so a late write fails. */
export async function forceReleaseLock(ctx: PipelineContext, key: string, reason: string) {
  const { type, scope } = parseLockKey(key);
  if (!reason.trim())
    throw new InputError('--reason must say why the lease is force-released', {
      field: '--reason',
    });
  const lock = requireLock(ctx);
  const removed = await lock.forceRelease(key);
  const fence = await ctx.store
    .bumpFence(RESOURCE_OF[type], scope, null, removed?.fence ?? 0)
    .catch((err: unknown) => {
      throw new UnavailableError(
        `lease removed but the store fence could not be advanced: ${String(err)}`,
        ctx.store.identity.redactedUrl,
        { cause: err },
      );
    });
  await ctx.store.logMaintenance('force_release', { key, reason, removed, fence });
  ctx.log.warn({ key, reason, removed, fence }, `force-released ${key}`);
  return { key, removed, fence, reason };
}
