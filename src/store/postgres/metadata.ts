/**
 * Small bookkeeping operations: the store clock, the unique guard's recorded state, the
 * maintenance log and validation history.
 */
import { randomUUID } from 'node:crypto';
import type { IsoTimestamp } from '../../domain/types.js';
import type { GuardState, ValidationRecord } from '../store.js';
import type { PgContext } from './pool.js';
import { STORE_CLOCK } from './sql.js';

/** The store's clock. */
export function storeNow(ctx: PgContext): Promise<IsoTimestamp> {
  return ctx.withClient(async (client) => {
    const { rows } = await client.query<{ now: IsoTimestamp }>(`SELECT ${STORE_CLOCK} AS now`);
    return rows[0]!.now;
  });
}

/** The unique guard's state as recorded in store_metadata. */
export function guardState(ctx: PgContext): Promise<GuardState> {
  return ctx.withClient(async (client) => {
    const { rows } = await client.query<{ value: string; updated_at: IsoTimestamp }>(
      `SELECT value, updated_at FROM store_metadata WHERE key = 'unique_guard'`,
    );
    const row = rows[0];
    if (row === undefined)
      return { installed: false, changedAt: null, reason: 'no guard state recorded' };
    const value = JSON.parse(row.value) as { installed?: boolean; reason?: string };
    return {
      installed: value.installed === true,
      changedAt: row.updated_at,
      reason: value.reason ?? null,
    };
  });
}

/** Append to the maintenance log. */
export function logMaintenance(ctx: PgContext, action: string, details: unknown): Promise<void> {
  return ctx.withClient(async (client) => {
    await client.query(
      `INSERT INTO maintenance_log (action, details, created_at) VALUES ($1, $2, ${STORE_CLOCK})`,
      [action, JSON.stringify(details ?? null)],
    );
  });
}

/** Store a validation result; returns its id. */
export function insertValidation(ctx: PgContext, record: ValidationRecord): Promise<string> {
  return ctx.withClient(async (client) => {
    const id = randomUUID();
    await client.query(
      `INSERT INTO validation_results
         (validation_id, kind, run_id, date_from, date_to, status, result, created_at)
       VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, ${STORE_CLOCK})`,
      [
        id,
        record.kind,
        record.runId,
        record.from,
        record.to,
        record.status,
        JSON.stringify(record.result ?? null),
      ],
    );
    return id;
  });
}
