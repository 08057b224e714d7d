/**
 * Alert history (PostgreSQL): the per-fingerprint decision runs in one transaction holding a
 * transaction-scoped advisory lock on the fingerprint, so two processes raising the same
 * fingerprint at once decide one after the other. Records are ordered by `seq`.
 */
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type {
  AlertDecision,
  AlertFilter,
  AlertHistory,
  AlertOutcome,
  AlertRecord,
  NewAlert,
} from '../store.js';
import type { PgContext } from './pool.js';
import { STORE_CLOCK } from './sql.js';

interface AlertRow {
  alert_id: string;
  event: string;
  fingerprint: string;
  table_name: string;
  scope: string;
  severity: number;
  measures: string;
  outcome: string;
  attempts: number;
  message: string;
  error: string | null;
  created_at: string;
}

function toAlert(r: AlertRow): AlertRecord {
  return {
    alertId: r.alert_id,
    event: r.event,
    fingerprint: r.fingerprint,
    tableName: r.table_name,
    scope: r.scope,
    severity: r.severity,
    measures: JSON.parse(r.measures) as Record<string, number>,
    outcome: r.outcome as AlertOutcome,
    attempts: r.attempts,
    message: r.message,
    error: r.error,
    createdAt: r.created_at,
  };
}

async function alertHistory(client: PoolClient, fingerprint: string): Promise<AlertHistory> {
  const latest = await client.query<AlertRow>(
    'SELECT * FROM alerts WHERE fingerprint = $1 ORDER BY seq DESC LIMIT 1',
    [fingerprint],
  );
  const notified = await client.query<AlertRow>(
    `SELECT * FROM alerts WHERE fingerprint = $1 AND outcome IN ('sent', 'sending', 'logged')
       AND seq > (SELECT coalesce(max(seq), 0) FROM alerts
                  WHERE fingerprint = $1 AND outcome = 'resolved')
     ORDER BY seq DESC LIMIT 1`,
    [fingerprint],
  );
  return {
    latest: latest.rows[0] ? toAlert(latest.rows[0]) : null,
    lastNotified: notified.rows[0] ? toAlert(notified.rows[0]) : null,
  };
}

async function insertAlert(
  client: PoolClient,
  alert: NewAlert,
  createdAt: string,
): Promise<AlertRecord> {
  const record: AlertRecord = { ...alert, alertId: randomUUID(), createdAt };
  await client.query(
    `INSERT INTO alerts (alert_id, event, fingerprint, table_name, scope, severity, measures,
       outcome, attempts, message, error, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, $12::timestamptz)`,
    [
      record.alertId,
      record.event,
      record.fingerprint,
      record.tableName,
      record.scope,
      Math.round(record.severity),
      JSON.stringify(record.measures),
      record.outcome,
      record.attempts,
      record.message,
      record.error,
      createdAt,
    ],
  );
  return record;
}

/** Decide and store, serialised per fingerprint. */
export function decideAlert(
  ctx: PgContext,
  fingerprint: string,
  decide: AlertDecision,
): Promise<AlertRecord | null> {
  return ctx.withTransaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1)::bigint)', [
      `propgrade:alert:${ctx.schema}:${fingerprint}`,
    ]);
    const history = await alertHistory(client, fingerprint);
    const { rows } = await client.query<{ now: string }>(`SELECT ${STORE_CLOCK} AS now`);
    const chosen = decide(history, rows[0]!.now);
    return chosen === null ? null : insertAlert(client, chosen, rows[0]!.now);
  });
}

/** Record a delivery's result. */
export function updateAlert(
  ctx: PgContext,
  alertId: string,
  patch: { outcome: AlertOutcome; attempts: number; error: string | null },
): Promise<void> {
  return ctx.withClient(async (client) => {
    await client.query(
      `UPDATE alerts SET outcome = $2, attempts = $3, error = $4, updated_at = ${STORE_CLOCK}
       WHERE alert_id = $1`,
      [alertId, patch.outcome, patch.attempts, patch.error],
    );
  });
}

/** Stored alerts, newest first. */
export function listAlerts(ctx: PgContext, filter: AlertFilter = {}): Promise<AlertRecord[]> {
  return ctx.withClient(async (client) => {
    const params: unknown[] = [Math.max(0, Math.floor(filter.limit ?? 100))];
    let where = '';
    if (filter.fingerprint !== undefined) {
      params.push(filter.fingerprint);
      where = 'WHERE fingerprint = $2';
    }
    const { rows } = await client.query<AlertRow>(
      `SELECT * FROM alerts ${where} ORDER BY seq DESC LIMIT $1`,
      params,
    );
    return rows.map(toAlert);
  });
}
