/**
 * ingestPredictions (the direct path, without staging): insert prediction versions in one
 * transaction, ignoring versions already stored (same prediction_id, or same business key and
 * created_at), then recompute is_active of the triples that gained a version.
 */
import type { PoolClient } from 'pg';
import type { IsoDate, IsoTimestamp, PredictionVersion } from '../../domain/types.js';
import { datesOf } from '../staging.js';
import type { IngestPredictionsResult } from '../store.js';
import { recomputeActive, type Triple } from './active.js';
import type { PgContext } from './pool.js';
import { STORE_CLOCK } from './sql.js';
import { runDatesFenced } from './staging-fenced.js';
import { chunked, INSERT_CHUNK_ROWS, insertViaUnnest, type UnnestColumn } from './unnest.js';
import { VERSION_UNNEST_COLUMNS, versionValues } from './version-columns.js';

const INSERT_COLUMNS: readonly UnnestColumn[] = [
  ...VERSION_UNNEST_COLUMNS,
  { name: 'batch_id', type: 'text' },
  { name: 'first_seen_at', type: 'timestamptz' },
];

function insertValues(v: PredictionVersion, batchId: string, seenAt: IsoTimestamp): unknown[] {
  return [...versionValues(v), batchId, seenAt];
}

interface AddedRow extends Triple {
  game_date: IsoDate;
}

async function insertVersions(
  client: PoolClient,
  versions: readonly PredictionVersion[],
  batchId: string,
  seenAt: IsoTimestamp,
): Promise<AddedRow[]> {
  const added: AddedRow[] = [];
  for (const chunk of chunked(versions, INSERT_CHUNK_ROWS)) {
    const values = chunk.map((v) => insertValues(v, batchId, seenAt));
    const result = await insertViaUnnest<AddedRow>(
      client,
      'predictions',
      INSERT_COLUMNS,
      values,
      'ON CONFLICT DO NOTHING RETURNING player_lookup, game_id, system_id, game_date',
    );
    added.push(...result.rows);
  }
  return added;
}

function distinctTriples(rows: readonly AddedRow[]): Triple[] {
  const byKey = new Map<string, Triple>();
  for (const r of rows) {
    const { player_lookup, game_id, system_id } = r;
    byKey.set(JSON.stringify([player_lookup, game_id, system_id]), {
      player_lookup,
      game_id,
      system_id,
    });
  }
  return [...byKey.values()];
}

/**
 * Insert versions and recompute is_active of the affected triples, in one transaction. This
 * direct path has no lease: it takes store-issued fences (stored + 1) of its dates, which
 * refuses any in-flight merge with an older token. `ingest predictions` uses staging instead.
 */
export async function ingestPredictions(
  ctx: PgContext,
  versions: readonly PredictionVersion[],
  batchId: string,
): Promise<IngestPredictionsResult> {
  if (versions.length === 0) return { versionsAdded: 0, datesTouched: [] };
  const runId = `ingest:${batchId}`;
  return runDatesFenced(ctx, {
    claims: datesOf(versions).map((gameDate) => ({ gameDate, claim: { mode: 'store', runId } })),
    body: async (client) => {
      const clock = await client.query<{ now: IsoTimestamp }>(`SELECT ${STORE_CLOCK} AS now`);
      const added = await insertVersions(client, versions, batchId, clock.rows[0]!.now);
      const changed = await recomputeActive(client, distinctTriples(added));
      const dates = new Set<IsoDate>([...added.map((r) => r.game_date), ...changed]);
      return { versionsAdded: added.length, datesTouched: [...dates].sort() };
    },
  });
}
