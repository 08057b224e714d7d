/**
 * SQL of the SQLite lock backend: two STRICT tables in the locks file. Times are integer
 * milliseconds since the epoch from the machine clock (the only clock every process on the
 * machine shares).
 */

/** Tables, created idempotently by every process that opens the file. */
export const SQLITE_LOCK_DDL = `
CREATE TABLE IF NOT EXISTS lock_leases (
  key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  run_id TEXT NOT NULL,
  fence INTEGER NOT NULL,
  acquired_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS lock_fence_counters (
  key TEXT PRIMARY KEY,
  fence INTEGER NOT NULL
) STRICT;
`;

/** One stored lease row. */
export interface SqliteLeaseRow {
  key: string;
  holder: string;
  run_id: string;
  fence: number;
  acquired_at_ms: number;
  expires_at_ms: number;
}

/** The statements, prepared once per connection. */
export const SQLITE_LOCK_SQL = {
  selectLease: 'SELECT * FROM lock_leases WHERE key = ?',
  listLeases:
    'SELECT * FROM lock_leases WHERE substr(key, 1, length(:prefix)) = :prefix ORDER BY key',
  selectCounter: 'SELECT fence FROM lock_fence_counters WHERE key = ?',
  upsertCounter: `INSERT INTO lock_fence_counters (key, fence) VALUES (:key, :fence)
    ON CONFLICT (key) DO UPDATE SET fence = excluded.fence`,
  upsertLease: `INSERT INTO lock_leases (key, holder, run_id, fence, acquired_at_ms, expires_at_ms)
    VALUES (:key, :holder, :runId, :fence, :now, :expiresAt)
    ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, run_id = excluded.run_id,
      fence = excluded.fence, acquired_at_ms = excluded.acquired_at_ms,
      expires_at_ms = excluded.expires_at_ms`,
  renewLease: `UPDATE lock_leases SET expires_at_ms = :expiresAt
    WHERE key = :key AND run_id = :runId AND expires_at_ms > :now`,
  releaseLease: 'DELETE FROM lock_leases WHERE key = :key AND run_id = :runId',
  deleteLease: 'DELETE FROM lock_leases WHERE key = ?',
  ping: 'SELECT 1 AS ok',
} as const;
