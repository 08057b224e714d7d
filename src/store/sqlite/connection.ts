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

export type Db = Database.Database;

/** A connection plus the mutex that serialises its use. */
export class SqliteConnection {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Db,
    readonly file: string,
  ) {}

  /** Open (creating the folder and file) with WAL and the busy timeout. */
  static open(file: string, busyTimeoutMs = busyTimeoutFromEnv()): SqliteConnection {
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      const db = new Database(file, { timeout: busyTimeoutMs });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      return new SqliteConnection(db, file);
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

  /** A synchronous read-then-write transaction (BEGIN IMMEDIATE). */
  immediate<T>(fn: (db: Db) => T): Promise<T> {
    return this.exclusive(() => this.db.transaction(fn).immediate(this.db));
  }

  /**
   * An asynchronous transaction: BEGIN IMMEDIATE, then `fn` may await (to release the event loop
   * between chunks); COMMIT when it resolves, ROLLBACK when it throws.
   */
  asyncImmediate<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
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
