/**
 * `appendAccuracy` on PostgreSQL: rows appended as given through COPY, fenced on each of their
 * dates, in one transaction. With the guard installed, the rows' keys are joined against the
 * table (NULL-safe) before anything is written.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AccuracyRow } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { ACCURACY_COLUMNS, fieldOf } from '../columns.js';
import type { AccuracyKey, AppendAccuracyRequest, AppendAccuracyResult } from '../store.js';
import { csvField } from './copy.js';
import {
  datesOf,
  guardInstalled,
  logEntry,
  maintenanceTx,
  RollbackWith,
  recomputeDates,
  setGuard,
} from './maintenance-tx.js';
import type { PgContext } from './pool.js';
import { columnList } from './rows.js';
import { chunked } from './unnest.js';

/** At most this many colliding keys are named. */
export const COLLISIONS_NAMED = 20;

/** Keys per lookup query. */
const LOOKUP_KEYS = 50_000;

/** Rows per COPY statement (the lease is checked between them). */
const COPY_ROWS = 20_000;

function keyOf(r: AccuracyRow): AccuracyKey {
  const { playerLookup, gameId, systemId, lineValue, gameDate } = r;
  return { playerLookup, gameId, systemId, lineValue, gameDate };
}

/** Rows whose key is already stored, at most `limit`. */
export async function storedCollisions(
  client: PoolClient,
  rows: readonly AccuracyRow[],
  limit = COLLISIONS_NAMED,
): Promise<AccuracyKey[]> {
  const found: AccuracyKey[] = [];
  for (const chunk of chunked(rows, LOOKUP_KEYS)) {
    const { rows: hits } = await client.query<{ i: number }>(
      `SELECT k.i FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[])
         WITH ORDINALITY AS k(p, g, s, l, i)
       WHERE EXISTS (SELECT 1 FROM prediction_accuracy a WHERE a.player_lookup = k.p
         AND a.game_id = k.g AND a.system_id = k.s AND a.line_value IS NOT DISTINCT FROM k.l)
       ORDER BY k.i LIMIT $5`,
      [
        chunk.map((r) => r.playerLookup),
        chunk.map((r) => r.gameId),
        chunk.map((r) => r.systemId),
        chunk.map((r) => r.lineValue),
        limit - found.length,
      ],
    );
    found.push(...hits.map((h) => keyOf(chunk[Number(h.i) - 1]!)));
    if (found.length >= limit) break;
  }
  return found;
}

function csvLineOf(row: AccuracyRow): string {
  return `${ACCURACY_COLUMNS.map((spec) => csvField(fieldOf(row, spec))).join(',')}\n`;
}

/** COPY rows as given, in chunks, checking the lease between them. */
export async function copyAccuracyAsGiven(
  client: PoolClient,
  rows: readonly AccuracyRow[],
  checkLease?: () => void,
): Promise<number> {
  const sql = `COPY prediction_accuracy (${columnList(ACCURACY_COLUMNS)}) FROM STDIN WITH (FORMAT csv)`;
  let written = 0;
  for (const chunk of chunked(rows, COPY_ROWS)) {
    const sink = client.query(copyFrom(sql));
    await pipeline(
      Readable.from(chunked(chunk, 500).map((piece) => piece.map(csvLineOf).join(''))),
      sink,
    );
    written += sink.rowCount;
    checkLease?.();
  }
  return written;
}

async function settleGuard(client: PoolClient, req: AppendAccuracyRequest): Promise<boolean> {
  if (!(await guardInstalled(client))) return false;
  const collisions = await storedCollisions(client, req.rows);
  if (collisions.length === 0 && !req.rowsRepeatKeys) return false;
  if (!req.allowGuardDrop) {
    throw new RollbackWith<AppendAccuracyResult>({ outcome: 'rejected', collisions });
  }
  const operationId = String(req.log.details.operationId ?? '');
  const reason = `${req.log.action} --drop-guard: the rows repeat keys`;
  await setGuard(client, false, reason, operationId);
  return true;
}

/** Append graded rows as given (see the Store port). */
export async function appendAccuracy(
  ctx: PgContext,
  req: AppendAccuracyRequest,
): Promise<AppendAccuracyResult> {
  const claimed = new Set(req.fences.map((f) => f.gameDate));
  const stray = req.rows.find((r) => !claimed.has(r.gameDate));
  if (stray) throw new InternalError(`appendAccuracy: no fence claim for ${stray.gameDate}`);
  return maintenanceTx(ctx, req.fences, async (client) => {
    const guardDropped = await settleGuard(client, req);
    const rowsWritten = await copyAccuracyAsGiven(client, req.rows, req.checkLease);
    await recomputeDates(client, datesOf(req.fences), req.recompute);
    await logEntry(client, req.log, { rowsWritten, guardDropped });
    req.checkLease?.();
    return { outcome: 'appended' as const, rowsWritten, guardDropped };
  });
}
