/**
 * Backup tables on SQLite (`prediction_accuracy_backup_<yyyymmddthhmmss>[_n]`) and the
 * maintenance log that registers them. A backup name reaches SQL only after it matched
 * BACKUP_TABLE_PATTERN (letters, digits and underscores) and was found in the log and catalog.
 */
import type { IsoDate } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { ACCURACY_COLUMNS, type ColumnSpec } from '../columns.js';
import {
  BACKUP_TABLE_PATTERN,
  type BackupInfo,
  type CreateBackupRequest,
  type MaintenanceRecord,
} from '../store.js';
import type { Db, SqliteConnection } from './connection.js';
import { claimDates, datesOf, placeholders } from './maintenance-tx.js';
import { appendMaintenance } from './metadata.js';

const SQLITE_TYPE: Record<ColumnSpec['kind'], string> = {
  text: 'TEXT',
  real: 'REAL',
  int: 'INTEGER',
  bool: 'INTEGER',
  json: 'TEXT',
};

const COLUMN_LIST = ACCURACY_COLUMNS.map((c) => c.column).join(', ');

/** `prediction_accuracy_backup_<yyyymmddthhmmss>` of a UTC instant. */
export function backupBaseName(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', 't');
  return `prediction_accuracy_backup_${stamp}`;
}

function tableExists(db: Db, name: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !==
    undefined
  );
}

/** Every maintenance entry (optionally of some actions), oldest first. */
export function listMaintenance(db: Db, actions?: readonly string[]): MaintenanceRecord[] {
  const where = actions?.length ? `WHERE action IN ${placeholders(actions)}` : '';
  const rows = db
    .prepare(`SELECT id, action, details, created_at FROM maintenance_log ${where} ORDER BY id`)
    .all(...(actions ?? [])) as {
    id: number;
    action: string;
    details: string;
    created_at: string;
  }[];
  return rows.map((r) => ({
    id: Number(r.id),
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
}

/** Names ever logged as backups (dropped ones included, so a name is never reused). */
function loggedNames(db: Db): Set<string> {
  return new Set(listMaintenance(db, ['backup_created']).map((e) => String(e.details.table)));
}

/** The first free name for a backup taken now: the base name, then `_2`, `_3`, …. */
function freeBackupName(db: Db, now: Date): string {
  const base = backupBaseName(now);
  const taken = loggedNames(db);
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? base : `${base}_${n}`;
    if (!taken.has(name) && !tableExists(db, name)) return name;
  }
  throw new InternalError(`no free backup name for ${base}`);
}

function createTable(db: Db, name: string): void {
  const columns = ACCURACY_COLUMNS.map((c) => `${c.column} ${SQLITE_TYPE[c.kind]}`).join(', ');
  db.exec(`CREATE TABLE ${name} (${columns}) STRICT`);
}

function countRows(db: Db, table: string, dates: readonly IsoDate[]): number {
  const sql = `SELECT COUNT(*) FROM ${table} WHERE game_date IN ${placeholders(dates)}`;
  return Number(
    db
      .prepare(sql)
      .pluck()
      .get(...dates),
  );
}

/** Copy the fenced dates' rows into a new backup table and verify its count. */
export function createBackup(
  conn: SqliteConnection,
  req: CreateBackupRequest,
): Promise<BackupInfo> {
  return conn.immediate((db) => {
    claimDates(db, req.fences);
    const dates = datesOf(req.fences);
    const now = new Date();
    const table = freeBackupName(db, now);
    createTable(db, table);
    db.prepare(
      `INSERT INTO ${table} (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM prediction_accuracy
       WHERE game_date IN ${placeholders(dates)}`,
    ).run(...dates);
    const rows = Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
    const source = countRows(db, 'prediction_accuracy', dates);
    if (rows !== source)
      throw new InternalError(`backup ${table} holds ${rows} rows, the dates hold ${source}`);
    req.checkLease?.();
    const info: BackupInfo = {
      table,
      createdAt: now.toISOString(),
      dates,
      rows,
      purpose: req.purpose,
      operationId: req.operationId,
    };
    appendMaintenance(db, 'backup_created', { ...info });
    return info;
  });
}

function toInfo(entry: MaintenanceRecord): BackupInfo {
  const d = entry.details;
  return {
    table: String(d.table),
    createdAt: String(d.createdAt ?? entry.createdAt),
    dates: (d.dates as IsoDate[]) ?? [],
    rows: Number(d.rows),
    purpose: String(d.purpose ?? ''),
    operationId: String(d.operationId ?? ''),
  };
}

/** Logged, not dropped backups whose tables exist, newest first. */
export function listBackups(db: Db): BackupInfo[] {
  const dropped = new Set(
    listMaintenance(db, ['backup_dropped']).map((e) => String(e.details.table)),
  );
  return listMaintenance(db, ['backup_created'])
    .map(toInfo)
    .filter((b) => !dropped.has(b.table) && tableExists(db, b.table))
    .reverse();
}

/** The backup of that name, or null (pattern, log and catalog all checked). */
export function findBackup(db: Db, table: string): BackupInfo | null {
  if (!BACKUP_TABLE_PATTERN.test(table)) return null;
  return listBackups(db).find((b) => b.table === table) ?? null;
}

/** Drop a validated backup table and log it. */
export function dropBackup(db: Db, table: string, reason: string): void {
  const info = findBackup(db, table);
  if (!info) throw new InternalError(`not a backup table: ${JSON.stringify(table)}`);
  db.exec(`DROP TABLE ${info.table}`);
  appendMaintenance(db, 'backup_dropped', { table: info.table, reason });
}
