/** The validate window and the check runner, without a store. */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/pipeline/checks/index.js';
import type { CheckContext } from '../../src/pipeline/checks/types.js';
import { ageInDays } from '../../src/pipeline/checks/ungraded-dates.js';
import { validationWindow } from '../../src/pipeline/validate.js';

describe('validationWindow', () => {
  const now = new Date('2026-03-06T03:30:00Z');
  it('the last N days ending yesterday in the time zone (it is still March 5 in New York)', () => {
    expect(validationWindow({}, 'America/New_York', now)).toMatchObject({
      from: '2026-02-26',
      to: '2026-03-04',
    });
    expect(validationWindow({ days: 2 }, 'Europe/Paris', now)).toEqual({
      from: '2026-03-04',
      to: '2026-03-05',
      dates: ['2026-03-04', '2026-03-05'],
    });
  });

  it('one --date; --date with --days and bad day counts are usage errors', () => {
    expect(validationWindow({ date: '2025-12-31' }, 'UTC', now).dates).toEqual(['2025-12-31']);
    expect(() => validationWindow({ date: '2025-12-31', days: 2 }, 'UTC', now)).toThrow(/not both/);
    expect(() => validationWindow({ days: 0 }, 'UTC', now)).toThrow(/--days/);
    expect(() => validationWindow({ days: 1.5 }, 'UTC', now)).toThrow(/--days/);
  });
});

describe('runCheck', () => {
  it('a check that throws is critical with the error in its details', async () => {
    const result = await runCheck(
      {
        name: 'volume',
        run: async () => {
          throw new TypeError('boom');
        },
      },
      {} as CheckContext,
    );
    expect(result).toMatchObject({
      name: 'volume',
      status: 'critical',
      details: { error: 'boom', errorType: 'TypeError' },
    });
  });

  it('ageInDays counts calendar days', () => {
    expect(ageInDays('2026-02-27', '2026-03-01')).toBe(2);
  });
});
