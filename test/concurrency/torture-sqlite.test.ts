import { sqliteTarget } from './targets.js';
import { describeTorture } from './torture.js';

const ROUNDS = Number(process.env.PROPGRADE_TORTURE_ROUNDS ?? 100);
describeTorture('SQLite store + SQLite locks', sqliteTarget, ROUNDS, 20);
