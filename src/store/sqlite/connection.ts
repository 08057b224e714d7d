/**
 * One better-sqlite3 connection per store, in WAL mode with a long busy timeout. All access goes
 * through an async mutex so that a transaction which yields the event loop between chunks is
 * never interleaved with another operation of the same process on the same connection.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InputError, InternalError, LockLostError, UnavailableError } from '../../errors.js';

/** Default busy timeout: longer than the longest write (a 1M-row date replaces in well under it). */
export const DEFAULT_BUSY_TIMEOUT_MS = 60_000;

/** Busy wait inside SQLite for one statement; longer waits happen in `begin()`, yielding. */
const STATEMENT_BUSY_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Db = Database.Database;

/** A connection plus the mutex that serialises its use. */
export class SqliteConnection {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Db,
    readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  /** Open (creating the folder and file) with WAL and the busy timeout. */
  static open(file: string, busyTimeoutMs = busyTimeoutFromEnv()): SqliteConnection {
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      const db = openWithRetry(file, busyTimeoutMs);
      return new SqliteConnection(db, file, busyTimeoutMs);
    } catch (err) {
      throw new UnavailableError(
        `cannot open SQLite database ${file}: ${message(err)}`,
        `sqlite:${file}`,
        {
          cause: err,
        },
      );
    }
  }

  /** Run `fn` with exclusive use of the connection (in this process). */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(() => fn());
    this.tail = run.catch(() => undefined);
    return run.catch((err: unknown) => {
      throw mapSqliteError(err, this.file);
    });
  }

  /** A read outside any transaction; SQLITE_BUSY (a checkpoint, a recovery) is retried. */
  read<T>(fn: (db: Db) => T): Promise<T> {
    return this.exclusive(() => retryBusy(() => fn(this.db), this.busyTimeoutMs));
  }

  /** A read-then-write transaction (BEGIN IMMEDIATE) whose body is synchronous. */
  immediate<T>(fn: (db: Db) => T): Promise<T> {
    return this.asyncImmediate(async (db) => fn(db));
  }

  /**
   * BEGIN IMMEDIATE without blocking the event loop: each attempt waits at most a few ms inside
   * SQLite, then we yield and retry until the busy timeout; past it the database is unavailable.
   */
  private begin(): Promise<void> {
    return retryBusy(() => void this.db.exec('BEGIN IMMEDIATE'), this.busyTimeoutMs);
  }

  /**
   * An asynchronous transaction: BEGIN IMMEDIATE, then `fn` may await (to release the event loop
   * between chunks); COMMIT when it resolves, ROLLBACK when it throws.
   */
  asyncImmediate<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.begin();
      try {
        const result = await fn(this.db);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function isBusy(err: unknown): boolean {
  return String((err as { code?: string } | null)?.code ?? '').startsWith('SQLITE_BUSY');
}

/** Retry `fn` on SQLITE_BUSY with a yielding backoff until `budgetMs` has passed. */
async function retryBusy<T>(fn: () => T, budgetMs: number): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
      await sleep(delay);
    }
  }
}

function openWithRetry(file: string, budgetMs: number): Db {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    try {
      const db = new Database(file, { timeout: STATEMENT_BUSY_MS });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      return db;
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function busyTimeoutFromEnv(): number {
  const raw = process.env.PROPGRADE_SQLITE_BUSY_TIMEOUT_MS;
  return raw && /^\d+$/.test(raw) ? Number(raw) : DEFAULT_BUSY_TIMEOUT_MS;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const PASSTHROUGH = [InputError, UnavailableError, LockLostError, InternalError];

/** SQLITE_BUSY and open failures are unavailability (exit 4); the rest is internal (exit 6). */
export function mapSqliteError(err: unknown, file: string): unknown {
  if (PASSTHROUGH.some((cls) => err instanceof cls)) return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  if (
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_READONLY'
  ) {
    return new UnavailableError(
      `SQLite database ${file} is unavailable (${code}): ${message(err)}`,
      `sqlite:${file}`,
      {
        cause: err,
      },
    );
  }
  if (code.startsWith('SQLITE_')) {
    return new InternalError(`SQLite error on ${file} (${code}): ${message(err)}`, { cause: err });
  }
  return err;
}
