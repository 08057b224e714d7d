/**
 * SQLite lock backend: leases in a separate `.locks` file (WAL) shared by the processes of one
 * machine. Each operation is one tiny BEGIN IMMEDIATE transaction, so a crash leaves either the
 * old or the new row and a dead holder's lease simply expires. Expiry uses the machine clock
 * (every process on the machine reads the same one). SQLITE_BUSY is contention: retried
 * asynchronously with a short busy timeout, so the event loop is never blocked for long.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UnavailableError } from '../../../errors.js';
import type { AcquireAttempt, LeaseInfo, LeaseOwner, LockBackend } from '../../backend.js';
import { sleep } from '../../timing.js';
import { SQLITE_LOCK_DDL, SQLITE_LOCK_SQL, type SqliteLeaseRow } from './sql.js';

/** Busy timeouts: generous while creating the file, short for each lease operation. */
const BUSY = { setupMs: 5000, statementMs: 50, retryBudgetMs: 2000 } as const;

class SqliteBusy extends Error {
  override name = 'SqliteBusy';
}

type Statements = { [K in keyof typeof SQLITE_LOCK_SQL]: Database.Statement };

/** Open (creating if needed) the locks file at `path`. Throws UnavailableError when it cannot. */
export async function openSqliteLockBackend(path: string): Promise<LockBackend> {
  const file = path === ':memory:' ? path : resolve(path);
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma(`busy_timeout = ${BUSY.setupMs}`);
    db.pragma('journal_mode = WAL');
    db.exec(SQLITE_LOCK_DDL);
    db.pragma(`busy_timeout = ${BUSY.statementMs}`);
    return new SqliteLockBackend(db, file);
  } catch (err) {
    throw unavailable(file, err);
  }
}

class SqliteLockBackend implements LockBackend {
  readonly mode = 'sqlite' as const;
  private readonly sql: Statements;

  constructor(
    private readonly db: Database.Database,
    readonly target: string,
  ) {
    const entries = Object.entries(SQLITE_LOCK_SQL).map(([name, text]) => [name, db.prepare(text)]);
    this.sql = Object.fromEntries(entries) as Statements;
  }

  async tryAcquire(
    key: string,
    owner: LeaseOwner,
    ttlMs: number,
    fenceFloor: number,
  ): Promise<AcquireAttempt> {
    const take = this.db.transaction(() => this.takeIfFree(key, owner, ttlMs, fenceFloor));
    try {
      return await this.run(() => take.immediate());
    } catch (err) {
      if (err instanceof SqliteBusy) return { acquired: false, current: await this.inspect(key) };
      throw err;
    }
  }

  async renew(key: string, runId: string, ttlMs: number): Promise<boolean> {
    const extend = this.db.transaction(() => {
      const now = Date.now();
      const params = { key, runId, now, expiresAt: now + ttlMs };
      return this.sql.renewLease.run(params).changes === 1;
    });
    return this.run(() => extend.immediate());
  }

  async release(key: string, runId: string): Promise<boolean> {
    const drop = this.db.transaction(() => this.sql.releaseLease.run({ key, runId }).changes === 1);
    return this.run(() => drop.immediate());
  }

  async inspect(key: string): Promise<LeaseInfo | null> {
    return this.run(() => {
      const row = this.sql.selectLease.get(key) as SqliteLeaseRow | undefined;
      return row ? leaseInfo(row, Date.now()) : null;
    });
  }

  async list(prefix: string): Promise<LeaseInfo[]> {
    return this.run(() => {
      const rows = this.sql.listLeases.all({ prefix }) as SqliteLeaseRow[];
      const now = Date.now();
      return rows.map((row) => leaseInfo(row, now));
    });
  }

  async forceRelease(key: string): Promise<LeaseInfo | null> {
    const remove = this.db.transaction(() => {
      const row = this.sql.selectLease.get(key) as SqliteLeaseRow | undefined;
      this.sql.deleteLease.run(key);
      return row ? leaseInfo(row, Date.now()) : null;
    });
    return this.run(() => remove.immediate());
  }

  async ping(): Promise<void> {
    await this.run(() => this.sql.ping.get());
  }

  async close(): Promise<void> {
    try {
      this.db.close();
    } catch {
      // Closing twice or a failed checkpoint is not the caller's problem.
    }
  }

  private takeIfFree(key: string, owner: LeaseOwner, ttlMs: number, floor: number): AcquireAttempt {
    const now = Date.now();
    const row = this.sql.selectLease.get(key) as SqliteLeaseRow | undefined;
    if (row && row.expires_at_ms > now) return { acquired: false, current: leaseInfo(row, now) };
    const counter = this.sql.selectCounter.get(key) as { fence: number } | undefined;
    const fence = Math.max(counter?.fence ?? 0, floor) + 1;
    const expiresAt = now + ttlMs;
    this.sql.upsertCounter.run({ key, fence });
    this.sql.upsertLease.run({
      key,
      holder: owner.holder,
      runId: owner.runId,
      fence,
      now,
      expiresAt,
    });
    return { acquired: true, fence, acquiredAt: new Date(now), expiresAt: new Date(expiresAt) };
  }

  /** Run a tiny synchronous step, retrying SQLITE_BUSY until the budget is spent. */
  private async run<T>(step: () => T): Promise<T> {
    const deadline = Date.now() + BUSY.retryBudgetMs;
    for (;;) {
      try {
        return step();
      } catch (err) {
        if (!isBusy(err)) throw unavailable(this.target, err);
        if (Date.now() >= deadline) throw new SqliteBusy(`lock file ${this.target} stayed busy`);
        await sleep(5 + Math.floor(Math.random() * 20));
      }
    }
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}

function unavailable(file: string, err: unknown): UnavailableError {
  const reason = err instanceof Error ? err.message : String(err);
  return new UnavailableError(`lock file ${file} is unavailable: ${reason}`, file, { cause: err });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function leaseInfo(row: SqliteLeaseRow, now: number): LeaseInfo {
  return {
    key: row.key,
    holder: row.holder,
    runId: row.run_id,
    fence: row.fence,
    acquiredAt: iso(row.acquired_at_ms),
    expiresAt: iso(row.expires_at_ms),
    expired: row.expires_at_ms <= now,
  };
}
