/**
 * Ingest of prediction versions and actuals, each in one BEGIN IMMEDIATE transaction. The CLI's
 * `ingest predictions` goes through staging and the fenced merge (staging*.ts); the direct path
 * here writes without a lease and so takes store-issued fences (stored + 1) of its dates, which
 * refuses any in-flight merge with an older token.
 */

import type { ActualRow, IsoDate, PredictionVersion } from '../../domain/types.js';
import { InputError } from '../../errors.js';
import { ACTUAL_COLUMNS, PREDICTION_COLUMNS } from '../columns.js';
import { datesOf } from '../staging.js';
import type { IngestPredictionsResult, UpsertActualsResult } from '../store.js';
import { recomputeActive } from './active.js';
import type { Db } from './connection.js';
import { encodeRow, insertSql } from './encode.js';
import { claimFence } from './fences.js';

/** Insert new versions (duplicates of a stored version are ignored) and recompute is_active. */
export function ingestPredictions(
  db: Db,
  versions: readonly PredictionVersion[],
  batchId: string,
): IngestPredictionsResult {
  for (const date of datesOf(versions))
    claimFence(db, 'predictions', date, { mode: 'store', runId: `ingest:${batchId}` });
  const now = new Date().toISOString();
  const insert = db.prepare(insertSql('predictions', PREDICTION_COLUMNS, 'INSERT OR IGNORE'));
  const touched = new Set<IsoDate>();
  let added = 0;
  for (const v of versions) {
    const row = { ...v, isActive: false, batchId, firstSeenAt: now };
    if (insert.run(...encodeRow(row, PREDICTION_COLUMNS)).changes > 0) {
      added += 1;
      touched.add(v.gameDate);
    }
  }
  for (const d of recomputeActive(
    db,
    versions.map((v) => v.gameId),
  ))
    touched.add(d);
  return { versionsAdded: added, datesTouched: [...touched].sort() };
}

/** The stored date of each game id, from predictions and actuals. */
export function knownGameDates(db: Db, gameIds: readonly string[]): Map<string, IsoDate> {
  const out = new Map<string, IsoDate>();
  const unique = [...new Set(gameIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(',');
    const rows = db
      .prepare(
        `SELECT game_id, game_date FROM actuals WHERE game_id IN (${marks})
         UNION SELECT game_id, game_date FROM predictions WHERE game_id IN (${marks})`,
      )
      .all(...chunk, ...chunk) as { game_id: string; game_date: string }[];
    for (const r of rows) out.set(r.game_id, r.game_date);
  }
  return out;
}

/** Upsert actuals by (player_lookup, game_id); reject a game_id stored under another date. */
export function upsertActuals(db: Db, rows: readonly ActualRow[]): UpsertActualsResult {
  const stored = knownGameDates(
    db,
    rows.map((r) => r.gameId),
  );
  for (const r of rows) {
    const date = stored.get(r.gameId);
    if (date !== undefined && date !== r.gameDate) {
      throw new InputError(
        `game_id "${r.gameId}" is stored under ${date}, the file says ${r.gameDate}`,
        { field: 'game_id' },
      );
    }
  }
  const exists = db
    .prepare('SELECT 1 FROM actuals WHERE player_lookup = ? AND game_id = ?')
    .pluck();
  const upsert = db.prepare(upsertActualSql());
  const now = new Date().toISOString();
  let inserted = 0;
  let updated = 0;
  for (const r of rows) {
    const isNew = exists.get(r.playerLookup, r.gameId) === undefined;
    const changes = upsert.run(
      ...encodeRow({ ...r, updatedAt: now }, ACTUAL_WRITE_COLUMNS),
    ).changes;
    if (isNew) inserted += 1;
    else if (changes > 0) updated += 1;
  }
  const touched = new Set(rows.map((r) => r.gameDate));
  for (const d of recomputeActive(
    db,
    rows.map((r) => r.gameId),
  ))
    touched.add(d);
  return { inserted, updated, datesTouched: [...touched].sort() };
}

const ACTUAL_WRITE_COLUMNS = [
  ...ACTUAL_COLUMNS,
  { column: 'updated_at', field: 'updatedAt', kind: 'text' as const },
];

/** Upsert that changes a stored row (and its updated_at) only when a value differs. */
function upsertActualSql(): string {
  const values = ACTUAL_COLUMNS.filter(
    (c) => c.column !== 'player_lookup' && c.column !== 'game_id',
  );
  const sets = [...values, { column: 'updated_at' }].map(
    (c) => `${c.column} = excluded.${c.column}`,
  );
  const differs = values.map((c) => `actuals.${c.column} IS NOT excluded.${c.column}`).join(' OR ');
  return `${insertSql('actuals', ACTUAL_WRITE_COLUMNS)} ON CONFLICT (player_lookup, game_id)
    DO UPDATE SET ${sets.join(', ')} WHERE ${differs}`;
}
