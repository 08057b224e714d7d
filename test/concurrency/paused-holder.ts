/**
 * A holder that pauses past its lease (issue 4): the first grader stops itself (SIGSTOP) at a
 * failpoint while holding the lease; the test waits past its TTL, a second grader succeeds, the
 * first is resumed and must not write.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli, startCli } from '../helpers/cli.js';
import { openTargetStore, RACE_DATE, seedTarget } from './harness.js';
import type { Target } from './targets.js';

const TTL_MS = 1000;

function isStopped(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('T') ?? false;
  } catch {
    return false;
  }
}

async function waitStopped(pid: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!isStopped(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} never paused`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Register the paused-holder test for one deployment and one failpoint. */
export function describePausedHolder(
  name: string,
  makeTarget: () => Target,
  point: 'after-lease' | 'mid-insert',
  expectedCodes: number[],
): void {
  describe(`${name}: a holder paused at ${point} past its lease`, () => {
    const t = makeTarget();
    beforeAll(() => seedTarget(t));
    afterAll(() => t.cleanup());

    it('the second grader succeeds, the resumed first does not write', {
      timeout: 60_000,
    }, async () => {
      const args = ['grade', '--date', RACE_DATE, '--db', t.dbUrl, '--lock', t.lockUrl, '--json'];
      const first = startCli([...args, '--lock-ttl', String(TTL_MS)], {
        env: { ...t.env, PROPGRADE_FAILPOINTS: `${point}=pause` },
      });
      await waitStopped(first.child.pid!);
      await new Promise((r) => setTimeout(r, TTL_MS + 300));
      const second = await runCli(args, { env: t.env });
      expect(second.code, second.stderr).toBe(0);
      const secondRun = jsonOf<{ runId: string; status: string }>(second);
      expect(secondRun.status).toBe('succeeded');
      first.child.kill('SIGCONT');
      const firstResult = await first.done;
      expect(expectedCodes, firstResult.stderr).toContain(firstResult.code);
      const store = await openTargetStore(t);
      try {
        const runs = await store.listRuns({ gameDate: RACE_DATE });
        const firstRun = runs.find((r) => r.runId !== secondRun.runId)!;
        if (firstResult.code === 5) expect(['stale_fence', 'lock_lost']).toContain(firstRun.status);
        expect(firstRun.status).not.toBe('succeeded');
        const runIds = new Set<string | null>();
        for await (const batch of store.streamAccuracy({ from: RACE_DATE, to: RACE_DATE }))
          for (const row of batch) runIds.add(row.runId);
        expect([...runIds]).toEqual([secondRun.runId]);
      } finally {
        await store.close();
      }
    });
  });
}

/** Control: the same pause with `--lock none` (no lease to lose): the stale writer's rows land last. */
export function describePausedHolderControl(name: string, makeTarget: () => Target): void {
  describe(`${name}: control — without a lease the resumed writer overwrites the newer run`, () => {
    const t = { ...makeTarget(), lockUrl: 'none' };
    beforeAll(() => seedTarget(t));
    afterAll(() => t.cleanup());

    it('the paused writer, resumed, commits over the second run', { timeout: 60_000 }, async () => {
      const args = ['grade', '--date', RACE_DATE, '--db', t.dbUrl, '--lock', 'none', '--json'];
      const first = startCli(args, {
        env: { ...t.env, PROPGRADE_FAILPOINTS: 'after-lease=pause' },
      });
      await waitStopped(first.child.pid!);
      expect((await runCli(args, { env: t.env })).code).toBe(0);
      first.child.kill('SIGCONT');
      const firstResult = await first.done;
      expect(firstResult.code, firstResult.stderr).toBe(0);
      const firstRun = jsonOf<{ runId: string }>(firstResult);
      const store = await openTargetStore(t);
      try {
        const runIds = new Set<string | null>();
        for await (const batch of store.streamAccuracy({ from: RACE_DATE, to: RACE_DATE }))
          for (const row of batch) runIds.add(row.runId);
        expect([...runIds]).toEqual([firstRun.runId]);
      } finally {
        await store.close();
      }
    });
  });
}
