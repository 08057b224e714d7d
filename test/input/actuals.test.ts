/** Rules of an actuals file: typed values, defaults, case handling, the worked example. */
import { afterAll, describe, expect, it } from 'vitest';
import { readActualsFile } from '../../src/input/actuals.js';
import { actualRow, actualsCsv, makeTempDir, writeInput } from './helpers.js';

const temp = makeTempDir('actuals');
afterAll(temp.cleanup);

describe('the worked example', () => {
  it('reads all 8 rows with their values', async () => {
    const read = await readActualsFile('/work/shared/examples/grading/actuals.csv');
    expect(read.rowsRead).toBe(8);
    expect(read.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(read.warnings).toEqual([]);
    expect(read.sha256).toMatch(/^[0-9a-f]{64}$/);
    const randle = read.rows.find((r) => r.value.playerLookup === 'juliusrandle')!.value;
    expect(randle).toEqual({
      playerLookup: 'juliusrandle',
      gameId: '20260305_BOS_NYK',
      gameDate: '2026-03-05',
      points: null,
      minutesPlayed: null,
      isDnp: true,
      teamAbbr: 'NYK',
      opponentTeamAbbr: 'BOS',
      injuryStatus: 'OUT',
      gameStartAt: null,
      gameStatus: 'final',
    });
    const murray = read.rows.find((r) => r.value.playerLookup === 'jamalmurray')!.value;
    expect(murray).toMatchObject({ points: 0, minutesPlayed: 0, injuryStatus: 'QUESTIONABLE' });
  });
});

describe('values and defaults', () => {
  it('defaults is_dnp to false and game_status to final, and reads NULLs as null', async () => {
    const csv = actualsCsv(
      actualRow({ is_dnp: '', game_status: '', points: '', minutes_played: '', team_abbr: '' }),
    );
    const read = await readActualsFile(writeInput(temp.dir, 'defaults.csv', csv));
    expect(read.rows[0]!.value).toMatchObject({
      isDnp: false,
      gameStatus: 'final',
      points: null,
      minutesPlayed: null,
      teamAbbr: null,
    });
  });

  it('stores injury status upper-case and game status lower-case', async () => {
    const csv = actualsCsv(actualRow({ injury_status: 'doubtful', game_status: 'CANCELLED' }));
    const read = await readActualsFile(writeInput(temp.dir, 'case.csv', csv));
    expect(read.rows[0]!.value).toMatchObject({
      injuryStatus: 'DOUBTFUL',
      gameStatus: 'cancelled',
    });
  });

  it('stores game_start_at in UTC with milliseconds, from any accepted form', async () => {
    const starts = [
      '2026-03-05T19:30:00-05:00',
      '2026-03-06 00:30:00 UTC',
      '2026-03-06T00:30:00.000Z',
    ];
    const csv = actualsCsv(
      ...starts.map((s, i) => actualRow({ player_lookup: `p${i}`, game_start_at: s })),
    );
    const read = await readActualsFile(writeInput(temp.dir, 'starts.csv', csv));
    expect(read.rows.map((r) => r.value.gameStartAt)).toEqual([
      '2026-03-06T00:30:00.000Z',
      '2026-03-06T00:30:00.000Z',
      '2026-03-06T00:30:00.000Z',
    ]);
  });

  it('reads JSONL with real types', async () => {
    const line = JSON.stringify({
      player_lookup: 'nikolajokić',
      game_id: 'g1',
      game_date: '2026-03-05',
      points: 30,
      minutes_played: 38.5,
      is_dnp: false,
      injury_status: null,
    });
    const read = await readActualsFile(writeInput(temp.dir, 'a.ndjson', `${line}\n`));
    expect(read.rows[0]!.value).toMatchObject({
      playerLookup: 'nikolajokić',
      points: 30,
      minutesPlayed: 38.5,
      isDnp: false,
      injuryStatus: null,
    });
  });

  it('allows one player in two games and two players in one game', async () => {
    const csv = actualsCsv(
      actualRow(),
      actualRow({ game_id: 'g2' }),
      actualRow({ player_lookup: 'x' }),
    );
    const read = await readActualsFile(writeInput(temp.dir, 'keys.csv', csv));
    expect(read.rows).toHaveLength(3);
  });

  it('warns when a CSV has no points column', async () => {
    const csv = 'player_lookup,game_id,game_date\njaysontatum,g1,2026-03-05\n';
    const read = await readActualsFile(writeInput(temp.dir, 'nopoints.csv', csv));
    expect(read.rows[0]!.value.points).toBeNull();
    expect(read.warnings).toEqual([expect.stringContaining('no "points" column')]);
  });
});
