/**
 * Alert history (SQLite): the per-fingerprint decision runs inside BEGIN IMMEDIATE, so the
 * database's single writer serialises two processes raising the same fingerprint.
 */
import { randomUUID } from 'node:crypto';
import type {
  AlertDecision,
  AlertFilter,
  AlertHistory,
  AlertOutcome,
  AlertRecord,
  NewAlert,
} from '../store.js';
import type { Db } from './connection.js';

type Raw = Record<string, unknown>;

const NOTIFIED = `('sent', 'sending', 'logged')`;

function toAlert(r: Raw): AlertRecord {
  return {
    alertId: String(r.alert_id),
    event: String(r.event),
    fingerprint: String(r.fingerprint),
    tableName: String(r.table_name),
    scope: String(r.scope),
    severity: Number(r.severity),
    measures: JSON.parse(String(r.measures)) as Record<string, number>,
    outcome: String(r.outcome) as AlertOutcome,
    attempts: Number(r.attempts),
    message: String(r.message),
    error: r.error === null ? null : String(r.error),
    createdAt: String(r.created_at),
  };
}

/** The fingerprint's newest record and its newest notified one since the last resolution. */
export function alertHistory(db: Db, fingerprint: string): AlertHistory {
  const latest = db
    .prepare('SELECT * FROM alerts WHERE fingerprint = ? ORDER BY rowid DESC LIMIT 1')
    .get(fingerprint) as Raw | undefined;
  const notified = db
    .prepare(
      `SELECT * FROM alerts WHERE fingerprint = ? AND outcome IN ${NOTIFIED}
         AND rowid > (SELECT ifnull(max(rowid), 0) FROM alerts
                      WHERE fingerprint = ? AND outcome = 'resolved')
       ORDER BY rowid DESC LIMIT 1`,
    )
    .get(fingerprint, fingerprint) as Raw | undefined;
  return {
    latest: latest ? toAlert(latest) : null,
    lastNotified: notified ? toAlert(notified) : null,
  };
}

function insertAlert(db: Db, alert: NewAlert, createdAt: string): AlertRecord {
  const record: AlertRecord = { ...alert, alertId: randomUUID(), createdAt };
  db.prepare(
    `INSERT INTO alerts (alert_id, event, fingerprint, table_name, scope, severity, measures,
       outcome, attempts, message, error, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
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
    createdAt,
  );
  return record;
}

/** Decide and store (inside the caller's BEGIN IMMEDIATE transaction). */
export function decideAlert(
  db: Db,
  fingerprint: string,
  decide: AlertDecision,
): AlertRecord | null {
  const now = new Date().toISOString();
  const chosen = decide(alertHistory(db, fingerprint), now);
  return chosen === null ? null : insertAlert(db, chosen, now);
}

/** Record a delivery's result. */
export function updateAlert(
  db: Db,
  alertId: string,
  patch: { outcome: AlertOutcome; attempts: number; error: string | null },
): void {
  db.prepare(
    'UPDATE alerts SET outcome = ?, attempts = ?, error = ?, updated_at = ? WHERE alert_id = ?',
  ).run(patch.outcome, patch.attempts, patch.error, new Date().toISOString(), alertId);
}

/** Stored alerts, newest first. */
export function listAlerts(db: Db, filter: AlertFilter = {}): AlertRecord[] {
  const limit = Math.max(0, Math.floor(filter.limit ?? 100));
  const where = filter.fingerprint === undefined ? '' : 'WHERE fingerprint = ?';
  const params = filter.fingerprint === undefined ? [] : [filter.fingerprint];
  const rows = db
    .prepare(`SELECT * FROM alerts ${where} ORDER BY rowid DESC LIMIT ?`)
    .all(...params, limit) as Raw[];
  return rows.map(toAlert);
}
