/** The lock contract on the SQLite backend, plus SQLite specifics: WAL, busy handling, a bad path. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { LockTimeoutError } from '../../src/errors.js';
import { DistributedLock } from '../../src/lock/distributed-lock.js';
import { openLockBackend } from '../../src/lock/open.js';
import { describeLockBackendContract } from './contract.js';
import {
  expectUnavailableQuickly,
  FAIL_FAST_TEST_TIMEOUT_MS,
  newOwner,
  randomNamespace,
  rejectionOf,
} from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'propgrade-lock-'));
const locksFile = join(dir, 'nested', 'propgrade.db.locks');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeLockBackendContract('sqlite', () => openLockBackend(`sqlite:${locksFile}`));

describe('sqlite lock backend', () => {
  test('the locks file is created (with its folder) in WAL mode', async () => {
    const backend = await openLockBackend(locksFile);
    await backend.close();
    const db = new Database(locksFile, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  test('SQLITE_BUSY is contention: operations wait it out and renewals keep the lease', async () => {
    const backend = await openLockBackend(locksFile);
    const lock = new DistributedLock(backend, { namespace: randomNamespace() });
    const lease = await lock.acquire('grading_2026-01-01', {
      ...newOwner(),
      fenceFloor: 0,
      ttlMs: 600,
    });
    const blocker = new Database(locksFile);
    blocker.exec('BEGIN IMMEDIATE');
    const acquiring = lock.acquire('grading_2026-01-02', {
      ...newOwner(),
      fenceFloor: 0,
      noWait: true,
    });
    await sleep(400);
    blocker.exec('COMMIT');
    blocker.close();
    const other = await acquiring;
    await sleep(250);
    expect(lease.lost).toBe(false);
    expect(lease.renewals).toBeGreaterThanOrEqual(1);
    await Promise.all([lease.release(), other.release()]);
    await backend.close();
  });

  test('a locks file busy beyond the retry budget refuses the lease instead of failing', async () => {
    const backend = await openLockBackend(locksFile);
    const lock = new DistributedLock(backend, { namespace: randomNamespace() });
    const blocker = new Database(locksFile);
    blocker.exec('BEGIN IMMEDIATE');
    const opts = { ...newOwner(), fenceFloor: 0, noWait: true };
    const err = await rejectionOf(lock.acquire('grading_2026-01-03', opts));
    blocker.exec('ROLLBACK');
    blocker.close();
    expect(err).toBeInstanceOf(LockTimeoutError);
    await backend.close();
  });

  test(
    'a locks path whose folder cannot be created is unavailable, quickly',
    async () => {
      const blocker = join(dir, 'a-file');
      writeFileSync(blocker, 'not a folder');
      await expectUnavailableQuickly(`sqlite:${join(blocker, 'sub', 'x.locks')}`);
    },
    FAIL_FAST_TEST_TIMEOUT_MS,
  );
});
