/**
 * Is the process behind a holder string (`<host>:<pid>/<runId>`) gone? On this host: its pid no
 * longer exists (a paused process still exists). On another host it cannot be probed: it counts
 * as gone once `since` is older than `budgetMs` (the lock wait plus the lease TTL).
 */
import { hostname } from 'node:os';

/** True when the holder can no longer act. Unparseable holders count as gone. */
export function holderGone(
  holder: string | null,
  since: string,
  budgetMs: number,
  now = Date.now(),
): boolean {
  const match = /^(.*):(\d+)\/[^/]+$/.exec(holder ?? '');
  if (match === null) return true;
  if (match[1] === hostname()) return !pidAlive(Number(match[2]));
  return now - Date.parse(since) > budgetMs;
}

/** True when a process with this pid exists on this host. */
export function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
