/**
 * `serve --schedule "<cron>"`: at each tick (in PROPGRADE_TIMEZONE) grade yesterday, then
 * `backfill --stale` over the 7 days ending yesterday, both through the server's JobBoard (the
 * same path as HTTP, so shutdown drains them). A tick that comes while the previous cycle still
 * runs is skipped (croner's `protect`).
 */
import { Cron } from 'croner';
import { InputError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { GradeOutcome } from '../pipeline/grade.js';
import { addDays, todayIn } from '../util/dates.js';
import type { BackfillOutcome, JobBoard } from './jobs.js';

/** Days covered by the stale sweep after the scheduled grade (ending yesterday). */
export const STALE_SWEEP_DAYS = 7;

/** What one scheduled cycle did. */
export interface CycleOutcome {
  gameDate: string;
  grade: GradeOutcome;
  staleSweep: BackfillOutcome;
}

/** Grade yesterday in `timeZone`, then re-grade stale dates of the last 7 days. */
export async function runScheduledCycle(
  jobs: JobBoard,
  timeZone: string,
  source: string,
  now: Date = new Date(),
): Promise<CycleOutcome> {
  const yesterday = addDays(todayIn(timeZone, now), -1);
  const grade = await jobs.startGrade({
    gameDate: yesterday,
    trigger: 'scheduled',
    triggerSource: source,
  }).done;
  const staleSweep = await jobs.startBackfill({
    from: addDays(yesterday, -(STALE_SWEEP_DAYS - 1)),
    to: yesterday,
    stale: true,
    trigger: 'backfill',
    triggerSource: `${source} stale sweep`,
  }).done;
  return { gameDate: yesterday, grade, staleSweep };
}

/** A schedule: created paused (so a bad expression fails before the server listens), then started. */
export interface Schedule {
  start(): void;
  stop(): void;
  nextRun(): Date | null;
}

/** Create the cron schedule, paused; an invalid expression is bad input (exit 2). */
export function createSchedule(
  expression: string,
  deps: { jobs: JobBoard; timeZone: string; log: Logger; accepting: () => boolean },
): Schedule {
  const source = `schedule:${expression}`;
  const tick = async () => {
    if (!deps.accepting()) return;
    const cycle = await runScheduledCycle(deps.jobs, deps.timeZone, source);
    deps.log.info(
      {
        gameDate: cycle.gameDate,
        status: cycle.grade.report.status,
        staleSweep: cycle.staleSweep.report?.summary,
      },
      `scheduled cycle graded ${cycle.gameDate}`,
    );
  };
  let job: Cron;
  try {
    job = new Cron(
      expression,
      {
        timezone: deps.timeZone,
        protect: true,
        catch: (err) => deps.log.error({ err }, 'scheduled cycle failed'),
      },
      tick,
    );
  } catch (err) {
    throw new InputError(
      `--schedule "${expression}" is not a valid cron expression: ${(err as Error).message}`,
      {
        field: '--schedule',
      },
    );
  }
  return { start: () => void job.resume(), stop: () => job.stop(), nextRun: () => job.nextRun() };
}
