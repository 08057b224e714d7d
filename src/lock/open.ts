/**
 * Choosing a lock backend by URL (SPEC section 6): `sqlite:<file>` or a bare path,
 * `postgres://` / `postgresql://` (optional `?schema=`), `redis://` / `rediss://`.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { LockBackend } from './backend.js';
import { redactUrl } from './redact.js';

/** The value of `--lock` / `PROPGRADE_LOCK_URL` that disables locking (with a warning). */
export const LOCK_NONE = 'none';

const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** The file path of a `sqlite:` URL (`sqlite:x.locks`, `sqlite:///abs/x.locks`) or bare path. */
export function sqlitePathOf(url: string): string {
  if (!url.toLowerCase().startsWith('sqlite:')) return url;
  const rest = url.slice('sqlite:'.length);
  return rest.startsWith('//') ? rest.slice(2) : rest;
}

/**
 * Open the backend a lock URL names. Throws InputError for an unknown scheme or `none`. Each
 * backend module (and its driver: better-sqlite3, pg, ioredis) is imported only when its scheme
 * is asked for.
 */
export async function openLockBackend(url: string): Promise<LockBackend> {
  if (url === LOCK_NONE) throw new InputError('lock URL "none" has no backend: use noneLease');
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'sqlite') {
    const { openSqliteLockBackend } = await import('./backends/sqlite/index.js');
    return openSqliteLockBackend(sqlitePathOf(url));
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const { openPostgresLockBackend } = await import('./backends/postgres/index.js');
    return openPostgresLockBackend(url);
  }
  if (scheme === 'redis' || scheme === 'rediss') {
    const { openRedisLockBackend } = await import('./backends/redis/index.js');
    return openRedisLockBackend(url);
  }
  throw new InputError(
    `unsupported lock URL ${redactUrl(url)}: use sqlite:, postgres:// or redis://`,
    {
      field: 'lock',
    },
  );
}

/** The default lock URL for a database URL: `sqlite:<db-file>.locks` for SQLite, else the same URL. */
export function defaultLockUrl(databaseUrl: string): string {
  const scheme = SCHEME.exec(databaseUrl)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'sqlite') return databaseUrl;
  return `sqlite:${sqlitePathOf(databaseUrl)}.locks`;
}

/**
 * The default lock namespace of a store: `propgrade:<database name>:<hash>`, the hash over kind,
 * database and schema, so two deployments sharing one Redis never contend.
 */
export function defaultNamespace(identity: {
  kind: string;
  database: string;
  schema: string;
}): string {
  const digest = createHash('sha256')
    .update(`${identity.kind}\n${identity.database}\n${identity.schema}`)
    .digest('hex')
    .slice(0, 12);
  const base = identity.database.split(/[\\/]/).pop() ?? identity.database;
  const label = base.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40) || identity.kind;
  return `propgrade:${label}:${digest}`;
}
