/** Backend choice by URL, default lock URL and namespace. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  defaultLockUrl,
  defaultNamespace,
  openLockBackend,
  sqlitePathOf,
} from '../../src/lock/open.js';
import { rejectionOf } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'propgrade-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openLockBackend', () => {
  test('sqlite: URLs and bare paths open the SQLite backend', async () => {
    for (const url of [`sqlite:${join(dir, 'a.locks')}`, join(dir, 'b.locks')]) {
      const backend = await openLockBackend(url);
      expect(backend.mode).toBe('sqlite');
      expect(backend.target).toBe(sqlitePathOf(url));
      await backend.close();
    }
  });

  test('unknown schemes and "none" are bad input, with the password redacted', async () => {
    const err = await rejectionOf(openLockBackend('mysql://u:hunter2@db/x'));
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).not.toContain('hunter2');
    expect(await rejectionOf(openLockBackend('none'))).toBeInstanceOf(InputError);
  });
});

describe('lock URL helpers', () => {
  test('sqlitePathOf strips the scheme and an authority slash pair', () => {
    expect(sqlitePathOf('sqlite:./x.locks')).toBe('./x.locks');
    expect(sqlitePathOf('sqlite:///var/x.locks')).toBe('/var/x.locks');
    expect(sqlitePathOf('/var/x.locks')).toBe('/var/x.locks');
  });

  test('defaultLockUrl: a sibling .locks file for SQLite, the same URL otherwise', () => {
    expect(defaultLockUrl('sqlite:./propgrade.db')).toBe('sqlite:./propgrade.db.locks');
    expect(defaultLockUrl('data/p.db')).toBe('sqlite:data/p.db.locks');
    const pg = 'postgres://u@h/db?schema=s';
    expect(defaultLockUrl(pg)).toBe(pg);
  });

  test('defaultNamespace differs by database and schema and is stable', () => {
    const a = defaultNamespace({ kind: 'postgres', database: 'prod', schema: 'public' });
    const b = defaultNamespace({ kind: 'postgres', database: 'prod', schema: 'staging' });
    const c = defaultNamespace({
      kind: 'sqlite',
      database: '/srv/data/prop grade.db',
      schema: 'main',
    });
    expect(a).toBe(defaultNamespace({ kind: 'postgres', database: 'prod', schema: 'public' }));
    expect(a).not.toBe(b);
    expect(a).toMatch(/^propgrade:prod:[0-9a-f]{12}$/);
    expect(c).toMatch(/^propgrade:prop_grade\.db:[0-9a-f]{12}$/);
  });
});
