/**
 * activeDuplicates on both backends when a second version of a triple is active: only possible
 * after the one-active index is dropped and a row is updated around propgrade (raw SQL, test
 * only). Unreachable PostgreSQL fails under CI=true, else skips loudly.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/cli.js';
import { at, version } from './fixtures.js';
import { makePostgresFixture, rawSql, requirePostgres } from './pg-helpers.js';

const DATE = '2033-05-01';
const BREAK = `DROP INDEX IF EXISTS predictions_one_active`;
const ACTIVATE = `UPDATE predictions SET is_active = true WHERE prediction_id = 'older'`;

async function seed(store: Store): Promise<void> {
  await store.migrate();
  await store.ingestPredictions(
    [
      version({ predictionId: 'older', gameDate: DATE, createdAt: at(DATE, '09:00') }),
      version({ predictionId: 'newer', gameDate: DATE, createdAt: at(DATE, '10:00') }),
      version({ predictionId: 'other', gameDate: DATE, playerLookup: 'player_two' }),
    ],
    'batch-active-dup',
  );
}

async function expectOneDuplicate(store: Store): Promise<void> {
  expect(await store.activeDuplicates({ from: DATE, to: DATE })).toEqual({
    triples: 1,
    top: [
      {
        gameDate: DATE,
        gameId: `game-${DATE}`,
        playerLookup: 'player_one',
        systemId: 'sys_a',
        count: 2,
        predictionIds: ['newer', 'older'],
      },
    ],
  });
  expect(await store.activeDuplicates({ from: DATE, to: DATE }, 0)).toMatchObject({
    triples: 1,
    top: [],
  });
}

describe('activeDuplicates with a second active version', () => {
  const tmp = tempDir('propgrade-active-dup-');
  afterAll(() => tmp.cleanup());

  it('SQLite', async () => {
    const file = join(tmp.dir, 'active.db');
    const store = createSqliteStore(file);
    try {
      await seed(store);
      expect((await store.activeDuplicates({ from: DATE, to: DATE })).triples).toBe(0);
      const db = new Database(file);
      db.exec(`${BREAK}; ${ACTIVATE.replace('true', '1')}`);
      db.close();
      await expectOneDuplicate(store);
    } finally {
      await store.close();
    }
  });
});

const pgAvailable = await requirePostgres('the PostgreSQL activeDuplicates test is');
describe.skipIf(!pgAvailable)(
  pgAvailable
    ? 'activeDuplicates on PostgreSQL'
    : 'activeDuplicates on PostgreSQL — SKIPPED: PostgreSQL unreachable',
  () => {
    it('PostgreSQL', async () => {
      const fixture = await makePostgresFixture();
      try {
        await seed(fixture.store);
        const schema = fixture.store.identity.schema;
        await rawSql(`SET search_path TO "${schema}"; ${BREAK}; ${ACTIVATE}`);
        await expectOneDuplicate(fixture.store);
      } finally {
        await fixture.cleanup();
      }
    });
  },
);
