/**
 * PostgreSQL URL handling: the optional `?schema=name` parameter (stripped before pg sees the
 * URL), the identity of the store, and a redacted form for messages (password → `***`).
 */
import { InputError } from '../../errors.js';
import type { StoreIdentity } from '../store.js';

/** Schema names propgrade accepts: unquoted lower-case PostgreSQL identifiers. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A parsed database URL, ready for pg. */
export interface ParsedPostgresUrl {
  /** The URL without the `schema` parameter. */
  connectionString: string;
  schema: string;
  identity: StoreIdentity;
  /** The decoded password ('' when none), so that messages can be scrubbed of it. */
  password: string;
}

/** Replace the password of a URL with `***`; text that is not a URL gets a best-effort scrub. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** Split a `postgres://` or `postgresql://` URL into what pg needs and the store's identity. */
export function parsePostgresUrl(url: string): ParsedPostgresUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`invalid PostgreSQL URL: ${redactUrl(url)}`, { field: 'database_url' });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new InputError(`not a PostgreSQL URL: ${redactUrl(url)}`, { field: 'database_url' });
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
    throw new InputError(
      `invalid schema name "${schema}" (lower-case letters, digits, _; not pg_…)`,
      {
        field: 'schema',
      },
    );
  }
  parsed.searchParams.delete('schema');
  const user = decodeURIComponent(parsed.username);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user || 'postgres';
  return {
    connectionString: parsed.toString(),
    schema,
    password: decodeURIComponent(parsed.password),
    identity: { kind: 'postgres', database, schema, redactedUrl: redactUrl(url) },
  };
}
