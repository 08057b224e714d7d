/** Passwords never appear in lock messages. */
import { expect, test } from 'vitest';
import { redactUrl } from '../../src/lock/redact.js';

test('redactUrl hides passwords and leaves other URLs alone', () => {
  expect(redactUrl('postgres://app:s3cret@db:5432/x?schema=s')).toBe(
    'postgres://app:***@db:5432/x?schema=s',
  );
  expect(redactUrl('redis://:s3cret@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
  expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  expect(redactUrl('/var/lib/propgrade.db.locks')).toBe('/var/lib/propgrade.db.locks');
  expect(redactUrl('weird://u:s3cret@[bad')).not.toContain('s3cret');
});
