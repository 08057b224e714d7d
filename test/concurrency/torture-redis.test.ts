import { describe } from 'vitest';
import { redisReachable, serviceAvailable } from '../lock/services.js';
import { requirePostgres } from '../store/pg-helpers.js';
import { postgresTarget } from './targets.js';
import { describeTorture } from './torture.js';

const ROUNDS = Number(process.env.PROPGRADE_TORTURE_ROUNDS ?? 100);
const available =
  (await requirePostgres('the Redis torture test is')) &&
  serviceAvailable('Redis', await redisReachable());

describe.skipIf(!available)(
  available ? 'Redis locks' : 'Redis locks — SKIPPED: PostgreSQL or Redis unreachable',
  () => {
    describeTorture('PostgreSQL store + Redis locks', () => postgresTarget('redis'), ROUNDS, 20);
  },
);
