/**
 * The report's causes on ledger fixtures made through real commands (SQLite):
 *
 * - D1: two `grade --lock none` processes are held at `after-lease` until both have started,
 *   then one is held at `after-delete`. The other cannot reach its delete: the store's write
 *   transaction (fence claim, delete, insert, one commit) serialises them, so racing runs leave
 *   no duplicates — the report shows their overlapping hold windows and nothing else.
 *   propgrade's own writes cannot produce duplicates at all; they arrive in tables brought from
 *   elsewhere. So D1's concurrent-run duplicates are made the way such a table is: rows of one
 *   run exported, the date graded again by another run, the old rows imported back.
 * - D2: one run's rows exported and imported back: every key twice from the same run.
 * - D3: a legacy import without run ids: one key with identical graded_at, one with different.
 * - D4: `grade --lines all` with a line that moved intraday: line movement, not a duplicate.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationReport } from '../../src/pipeline/report-investigate.js';
import { jsonOf, runCli, startCli, tempDir } from '../helpers/cli.js';
import { withStore } from '../helpers/sqlite-db.js';
import { arrivals, waitFor, writeSlate } from './report-slate.js';

const [D1, D2, D3, D4] = ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04'];
const KEYS_PER_DATE = 8;

describe('report causes from real commands (SQLite)', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'causes.db');
  const cli = async (...args: string[]) => {
    const result = await runCli([...args, '--db', db]);
    expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  let racers: string[] = [];
  let report: InvestigationReport;

  /** Two --lock none runs of D1, both started before either writes. */
  async function race(): Promise<void> {
    const started = join(tmp.dir, 'started');
    const deleted = join(tmp.dir, 'deleted');
    const env = {
      PROPGRADE_FAILPOINTS: `after-lease=barrier:${started},after-delete=barrier:${deleted}`,
    };
    const args = ['grade', '--date', D1, '--db', db, '--lock', 'none', '--json'];
    const runs = [startCli(args, { env }), startCli(args, { env })];
    await waitFor(() => arrivals(started).length === 2);
    writeFileSync(started, '');
    await waitFor(() => arrivals(deleted).length === 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(
      arrivals(deleted),
      'the second run cannot delete while the first is inside its write',
    ).toHaveLength(1);
    writeFileSync(deleted, '');
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    racers = results
      .map((r) => jsonOf<{ runId: string; duplicateKeys: number }>(r))
      .map((r) => r.runId);
    expect(arrivals(deleted)).toHaveLength(2);
  }

  function legacyFile(): string {
    const head =
      'player_lookup,game_id,system_id,line_value,game_date,recommendation,prediction_correct,graded_at';
    const rows = [
      `same_time,g3,sys_a,10.5,${D3},OVER,true,2026-02-04T08:00:00Z`,
      `same_time,g3,sys_a,10.5,${D3},OVER,true,2026-02-04T08:00:00Z`,
      `two_times,g3,sys_a,,${D3},NO_LINE,,2026-02-04T08:00:00Z`,
      `two_times,g3,sys_a,,${D3},NO_LINE,,2026-02-04T09:30:00Z`,
      `single,g3,sys_a,11.5,${D3},UNDER,false,2026-02-04T08:00:00Z`,
    ];
    const file = join(tmp.dir, 'legacy.csv');
    writeFileSync(file, `${head}\n${rows.join('\n')}\n`);
    return file;
  }

  beforeAll(async () => {
    for (const date of [D1, D2, D4]) {
      const slate = writeSlate(tmp.dir, date, { lineMoves: date === D4 });
      await cli('ingest', 'actuals', slate.actuals);
      await cli('ingest', 'predictions', slate.predictions);
    }
    await race();
    const d1Rows = join(tmp.dir, 'd1.csv');
    await cli('export', 'accuracy', '--from', D1, '--to', D1, '--out', d1Rows);
    await cli('grade', '--date', D1);
    await cli('import', 'accuracy', d1Rows, '--drop-guard');
    await cli('grade', '--date', D2);
    const d2Rows = join(tmp.dir, 'd2.jsonl');
    await cli('export', 'accuracy', '--from', D2, '--to', D2, '--format', 'jsonl', '--out', d2Rows);
    await cli('import', 'accuracy', d2Rows);
    await cli('import', 'accuracy', legacyFile());
    await cli('grade', '--date', D4, '--lines', 'all');
    report = jsonOf<InvestigationReport>(await cli('report', '--json', '--lock-ttl', '1000'));
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('racing --lock none runs overlap in the ledger but leave no duplicates of their own', async () => {
    const d1 = report.overlappingRuns.filter((o) => o.gameDate === D1);
    expect(d1).toHaveLength(1);
    expect(d1[0]!.runIds.sort()).toEqual([...racers].sort());
    const runs = await withStore(db, (s) => Promise.all(racers.map((id) => s.getRun(id))));
    expect(runs.map((r) => [r?.status, r?.lockMode, r?.duplicateKeys])).toEqual([
      ['succeeded', 'none', 0],
      ['succeeded', 'none', 0],
    ]);
    expect(new Set(runs.map((r) => r?.fenceToken)).size).toBe(2);
    expect(report.longRuns.map((r) => r.runId).sort()).toEqual([...racers].sort());
  });

  it('gives each date the cause of how its duplicates were made', () => {
    const causes = Object.fromEntries(report.byDate.map((d) => [d.gameDate, d.causes]));
    expect(causes).toEqual({
      [D1]: { concurrentRuns: KEYS_PER_DATE, sameRun: 0, unknown: 0 },
      [D2]: { concurrentRuns: 0, sameRun: KEYS_PER_DATE, unknown: 0 },
      [D3]: { concurrentRuns: 0, sameRun: 0, unknown: 2 },
      [D4]: { concurrentRuns: 0, sameRun: 0, unknown: 0 },
    });
  });

  it('the causes sum to the duplicate keys; line movement is counted apart', () => {
    expect(report.causes).toEqual({
      concurrentRuns: KEYS_PER_DATE,
      sameRun: KEYS_PER_DATE,
      unknown: 2,
      unknownIdenticalGradedAt: 1,
      unknownDifferentGradedAt: 1,
      lineMovement: 1,
    });
    const { concurrentRuns, sameRun, unknown } = report.causes;
    expect(concurrentRuns + sameRun + unknown).toBe(report.totals.duplicateKeys);
    expect(report.totals).toMatchObject({ duplicateKeys: 2 * KEYS_PER_DATE + 2, nullLineRows: 2 });
  });

  it('names the legacy keys with their cause', () => {
    const legacy = report.topKeys.filter((k) => k.gameDate === D3);
    expect(legacy.map((k) => [k.playerLookup, k.lineValue, k.rows, k.cause]).sort()).toEqual([
      ['same_time', 10.5, 2, 'unknown'],
      ['two_times', null, 2, 'unknown'],
    ]);
  });

  it('prints the causes for people', async () => {
    const text = (await cli('report', '--from', D1, '--to', D3)).stdout;
    expect(text).toContain('8 concurrent runs');
    expect(text).toContain('8 same run');
    expect(text).toContain(
      '2 unknown origin (no run id or one the ledger lacks: 1 with identical graded_at, 1 with different)',
    );
  });
});
