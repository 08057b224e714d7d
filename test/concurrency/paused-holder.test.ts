import { describe } from 'vitest';
import { redisReachable, serviceAvailable } from '../lock/services.js';
import { requirePostgres } from '../store/pg-helpers.js';
import { describePausedHolder, describePausedHolderControl } from './paused-holder.js';
import { postgresTarget, sqliteTarget } from './targets.js';

const pg = await requirePostgres('the paused-holder tests on PostgreSQL are');
const redis = pg && serviceAvailable('Redis', await redisReachable());

describePausedHolder('SQLite', sqliteTarget, 'after-lease', [5]);
describePausedHolderControl('SQLite', sqliteTarget);
describe.skipIf(!pg)(pg ? 'PostgreSQL' : 'PostgreSQL — SKIPPED: unreachable', () => {
  describePausedHolder('PostgreSQL', () => postgresTarget('postgres'), 'after-lease', [5]);
  describePausedHolder(
    'PostgreSQL (paused inside the write transaction)',
    () => postgresTarget('postgres'),
    'mid-insert',
    [4, 5],
  );
});
describe.skipIf(!redis)(redis ? 'Redis' : 'Redis — SKIPPED: unreachable', () => {
  describePausedHolder(
    'PostgreSQL + Redis locks',
    () => postgresTarget('redis'),
    'after-lease',
    [5],
  );
});
