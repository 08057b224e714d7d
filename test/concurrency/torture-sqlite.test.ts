import { describeTorture } from './torture.js';
import { sqliteTarget } from './targets.js';

const ROUNDS = Number(process.env.PROPGRADE_TORTURE_ROUNDS ?? 100);
describeTorture('SQLite store + SQLite locks', sqliteTarget, ROUNDS, 20);
