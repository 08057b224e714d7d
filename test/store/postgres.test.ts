/**
 * The Store contract against the shared PostgreSQL, each location a fresh `contract_pg_<random>`
 * schema (PostgreSQL reserves `pg_`) dropped afterwards. Unreachable PostgreSQL fails the run under CI=true, else skips loudly.
 */
import { describe } from 'vitest';
import { describeStoreContract } from './contract.js';
import { makePostgresFixture, requirePostgres } from './pg-helpers.js';

const available = await requirePostgres('the PostgreSQL Store contract tests are');

const title = available ? 'PostgreSQL store' : 'PostgreSQL store — SKIPPED: PostgreSQL unreachable';

describe.skipIf(!available)(title, () => {
  describeStoreContract('postgres', () => makePostgresFixture());
});
