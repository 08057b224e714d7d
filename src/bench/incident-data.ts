/**
 * The cleanup scenario's table: graded rows shaped like the incident's prediction_accuracy
 * (497,304 rows, 306,489 unique keys, 190,815 duplicate rows, spread over five dates exactly as
 * its investigation table says), as an `import accuracy` CSV file. A duplicate is an exact copy
 * of an earlier row (same graded_at and run id), so a plain SELECT DISTINCT removes precisely
 * the rows dedupe removes; about 3% of lines are NULL, so the cleanup must be NULL-safe.
 */
import { join } from 'node:path';
import { ACCURACY_COLUMNS } from '../store/columns.js';
import { BenchRandom, LineFile, PLAYERS_PER_GAME, SYSTEMS } from './data.js';

/** Rows and unique keys per date of the incident's table. */
export const INCIDENT_DATES: readonly { date: string; rows: number; keys: number }[] = [
  { date: '2026-01-10', rows: 452_220, keys: 263_274 },
  { date: '2026-01-11', rows: 35_166, keys: 35_009 },
  { date: '2026-01-14', rows: 7_075, keys: 5_762 },
  { date: '2026-01-15', rows: 328, keys: 255 },
  { date: '2026-01-16', rows: 2_515, keys: 2_189 },
];

/** The written file and its totals. */
export interface IncidentFile {
  file: string;
  rows: number;
  keys: number;
  dates: string[];
}

function accuracyLine(rnd: BenchRandom, date: string, i: number): string {
  const playerGame = Math.floor(i / SYSTEMS);
  const game = Math.floor(playerGame / PLAYERS_PER_GAME);
  const line = rnd.next() < 0.03 ? null : rnd.int(5, 34) + 0.5;
  const predicted = Math.max(0, (line ?? 15) + rnd.int(-80, 80) / 10);
  const actual = rnd.int(0, 42);
  const over = line === null ? null : predicted > line;
  const correct = line === null ? null : over === actual > line;
  const values: Record<string, string> = {
    player_lookup: `pl${playerGame}`,
    game_id: `${date.replaceAll('-', '')}_G${game}`,
    system_id: `sys_${String(i % SYSTEMS).padStart(2, '0')}`,
    line_value: line === null ? '' : String(line),
    game_date: date,
    prediction_id: `inc${date}_${i}`,
    predicted_points: predicted.toFixed(1),
    confidence_score: '0.62',
    confidence_decile: '7',
    recommendation: line === null ? 'NO_LINE' : over ? 'OVER' : 'UNDER',
    actual_points: String(actual),
    minutes_played: '30',
    absolute_error: Math.abs(predicted - actual).toFixed(1),
    signed_error: (predicted - actual).toFixed(1),
    prediction_correct: correct === null ? '' : String(correct),
    is_voided: 'false',
    profit_units: correct === null ? '0' : correct ? '0.9090909090909091' : '-1',
    graded_at: `${date}T23:59:${String(i % 60).padStart(2, '0')}.000Z`,
    run_id: `legacy-run-${date}`,
  };
  return ACCURACY_COLUMNS.map((c) => values[c.column] ?? '').join(',');
}

/** Write the incident-shaped table, every count divided by `scale` (1 = the real sizes). */
export function writeIncidentAccuracy(dir: string, scale = 1, seed = 497304): IncidentFile {
  const rnd = new BenchRandom(seed);
  const file = join(dir, `incident_accuracy_${scale}.csv`);
  const out = new LineFile(file, ACCURACY_COLUMNS.map((c) => c.column).join(','));
  let rows = 0;
  let keys = 0;
  for (const d of INCIDENT_DATES) {
    const dateRows = Math.max(1, Math.round(d.rows / scale));
    const dateKeys = Math.min(dateRows, Math.max(1, Math.round(d.keys / scale)));
    const lines: string[] = [];
    for (let i = 0; i < dateKeys; i++) lines.push(accuracyLine(rnd, d.date, i));
    for (const line of lines) out.push(line);
    for (let i = 0; i < dateRows - dateKeys; i++) out.push(lines[i % dateKeys]!);
    rows += dateRows;
    keys += dateKeys;
  }
  out.close();
  return { file, rows, keys, dates: INCIDENT_DATES.map((d) => d.date) };
}
