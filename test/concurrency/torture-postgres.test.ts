import { describe } from 'vitest';
import { requirePostgres } from '../store/pg-helpers.js';
import { postgresTarget } from './targets.js';
import { describeTorture } from './torture.js';

const ROUNDS = Number(process.env.PROPGRADE_TORTURE_ROUNDS ?? 100);
const available = await requirePostgres('the PostgreSQL torture test is');

describe.skipIf(!available)(available ? 'PostgreSQL' : 'PostgreSQL — SKIPPED: unreachable', () => {
  describeTorture(
    'PostgreSQL store + PostgreSQL lease table',
    () => postgresTarget('postgres'),
    ROUNDS,
    20,
  );
});
