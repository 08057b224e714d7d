/** The lock contract on the PostgreSQL backend (own schema, dropped afterwards), plus specifics. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { openLockBackend } from '../../src/lock/open.js';
import { describeLockBackendContract } from './contract.js';
import { expectUnavailableQuickly, FAIL_FAST_TEST_TIMEOUT_MS } from './helpers.js';
import { freePort, pgReachable, serviceAvailable, TEST_PG_URL } from './services.js';

const available = serviceAvailable('PostgreSQL', await pgReachable());
const schema = `lock_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const schemaUrl = (name: string) => {
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('schema', name);
  return url.toString();
};
const extraSchemas: string[] = [];

afterAll(async () => {
  if (!available) return;
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  for (const name of [schema, ...extraSchemas]) {
    await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  }
  await client.end();
});

describe.skipIf(!available)('postgres (skipped when PostgreSQL is absent: see the warning)', () => {
  describeLockBackendContract('postgres', () => openLockBackend(schemaUrl(schema)));

  test('concurrent opens create a missing schema and tables safely', async () => {
    const fresh = `lock_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    extraSchemas.push(fresh);
    const backends = await Promise.all(
      Array.from({ length: 6 }, () => openLockBackend(schemaUrl(fresh))),
    );
    const lists = await Promise.all(backends.map((b) => b.list('')));
    await Promise.all(backends.map((b) => b.close()));
    expect(lists).toEqual(Array.from({ length: 6 }, () => []));
  });

  test(
    'an unreachable server is unavailable quickly, without its password',
    async () => {
      const port = await freePort();
      await expectUnavailableQuickly(
        `postgres://postgres:s3cret-pw@127.0.0.1:${port}/test`,
        's3cret-pw',
      );
    },
    FAIL_FAST_TEST_TIMEOUT_MS,
  );
});
