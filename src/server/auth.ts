/**
 * Bearer-token authentication. The presented token and the configured one are both hashed with
 * SHA-256 and compared with crypto.timingSafeEqual, so the comparison takes the same time
 * whatever the token's length or how much of it matches. Health checks and the dashboard's
 * static files are public; everything else needs `Authorization: Bearer <PROPGRADE_API_TOKEN>`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** Paths answered without a token. */
export const PUBLIC_PATHS = ['/', '/healthz', '/readyz'] as const;
/** Prefix of the dashboard's static files (public). */
export const STATIC_PREFIX = '/static/';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison of two secrets through equal-length digests. */
export function tokensMatch(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** True for a path that needs no token. */
export function isPublicPath(path: string): boolean {
  return (PUBLIC_PATHS as readonly string[]).includes(path) || path.startsWith(STATIC_PREFIX);
}

function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Middleware: 401 unless the path is public or the bearer token matches; `token` null disables. */
export function bearerAuth(token: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (token === null || isPublicPath(c.req.path)) return next();
    const presented = bearerOf(c.req.header('authorization'));
    if (presented !== null && tokensMatch(presented, token)) return next();
    c.header('WWW-Authenticate', 'Bearer realm="propgrade"');
    const message = presented === null ? 'missing bearer token' : 'wrong bearer token';
    return c.json({ error: { code: 401, type: 'Unauthorized', message } }, 401);
  };
}
