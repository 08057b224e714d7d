/**
 * Backup tables on PostgreSQL (`prediction_accuracy_backup_<yyyymmddthhmmss>[_n]`, in the
 * store's schema, `LIKE prediction_accuracy` without its indexes) and the maintenance log that
 * registers them. A backup name reaches SQL only after it matched BACKUP_TABLE_PATTERN (letters,
 * digits and underscores) and was found in the log and the catalog.
 */
import type { PoolClient } from 'pg';
import type { IsoDate } from '../../domain/types.js';
import { InternalError } from '../../errors.js';
import { ACCURACY_COLUMNS } from '../columns.js';
import {
  BACKUP_TABLE_PATTERN,
  type BackupInfo,
  type CreateBackupRequest,
  type MaintenanceRecord,
} from '../store.js';
import { appendLog, datesOf, maintenanceTx } from './maintenance-tx.js';
import type { PgContext } from './pool.js';
import { columnList } from './rows.js';
import { STORE_CLOCK } from './sql.js';

const COLUMNS = columnList(ACCURACY_COLUMNS);

async function tableExists(client: PoolClient, name: string): Promise<boolean> {
  const { rowCount } = await client.query(
    'SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1',
    [name],
  );
  return (rowCount ?? 0) > 0;
}

/** Every maintenance entry (optionally of some actions), oldest first. */
export async function listMaintenance(
  client: PoolClient,
  actions?: readonly string[],
): Promise<MaintenanceRecord[]> {
  const filtered = actions !== undefined && actions.length > 0;
  const { rows } = await client.query<{
    id: number;
    action: string;
    details: string;
    created_at: string;
  }>(
    `SELECT id, action, details, created_at FROM maintenance_log
     ${filtered ? 'WHERE action = ANY($1::text[])' : ''} ORDER BY id`,
    filtered ? [actions] : [],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
}

/** The first free name for a backup taken at the store clock: the base name, then `_2`, `_3`, …. */
async function freeBackupName(client: PoolClient): Promise<{ name: string; createdAt: string }> {
  const { rows } = await client.query<{ stamp: string; now: string }>(
    `SELECT to_char(c AT TIME ZONE 'UTC', 'YYYYMMDD"t"HH24MISS') AS stamp, c AS now
     FROM (SELECT ${STORE_CLOCK} AS c) t`,
  );
  const base = `prediction_accuracy_backup_${rows[0]!.stamp}`;
  const logged = new Set(
    (await listMaintenance(client, ['backup_created'])).map((e) => String(e.details.table)),
  );
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? base : `${base}_${n}`;
    if (!logged.has(name) && !(await tableExists(client, name)))
      return { name, createdAt: rows[0]!.now };
  }
  throw new InternalError(`no free backup name for ${base}`);
}

async function count(client: PoolClient, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<{ n: number }>(sql, params);
  return Number(rows[0]!.n);
}

/** Copy the fenced dates' rows into a new backup table and verify its count. */
export function createBackup(ctx: PgContext, req: CreateBackupRequest): Promise<BackupInfo> {
  const dates = datesOf(req.fences);
  return maintenanceTx(ctx, req.fences, async (client) => {
    await client.query('LOCK TABLE maintenance_log IN SHARE ROW EXCLUSIVE MODE');
    const { name: table, createdAt } = await freeBackupName(client);
    await client.query(`CREATE TABLE ${table} (LIKE prediction_accuracy)`);
    await client.query(
      `INSERT INTO ${table} (${COLUMNS}) SELECT ${COLUMNS} FROM prediction_accuracy
       WHERE game_date = ANY($1::date[])`,
      [dates],
    );
    const rows = await count(client, `SELECT COUNT(*) AS n FROM ${table}`);
    const source = await count(
      client,
      'SELECT COUNT(*) AS n FROM prediction_accuracy WHERE game_date = ANY($1::date[])',
      [dates],
    );
    if (rows !== source)
      throw new InternalError(`backup ${table} holds ${rows} rows, the dates hold ${source}`);
    req.checkLease?.();
    const info: BackupInfo = { table, createdAt, dates, rows, ...purposeOf(req) };
    await appendLog(client, 'backup_created', info);
    return info;
  });
}

function purposeOf(req: CreateBackupRequest) {
  return { purpose: req.purpose, operationId: req.operationId };
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
export async function listBackups(client: PoolClient): Promise<BackupInfo[]> {
  const dropped = new Set(
    (await listMaintenance(client, ['backup_dropped'])).map((e) => String(e.details.table)),
  );
  const out: BackupInfo[] = [];
  for (const entry of await listMaintenance(client, ['backup_created'])) {
    const info = toInfo(entry);
    if (!dropped.has(info.table) && (await tableExists(client, info.table))) out.push(info);
  }
  return out.reverse();
}

/** The backup of that name, or null (pattern, log and catalog all checked). */
export async function findBackup(client: PoolClient, table: string): Promise<BackupInfo | null> {
  if (!BACKUP_TABLE_PATTERN.test(table)) return null;
  return (await listBackups(client)).find((b) => b.table === table) ?? null;
}

/** Drop a validated backup table and log it. */
export function dropBackup(ctx: PgContext, table: string, reason: string): Promise<void> {
  return ctx.withTransaction(async (client) => {
    const info = await findBackup(client, table);
    if (!info) throw new InternalError(`not a backup table: ${JSON.stringify(table)}`);
    await client.query(`DROP TABLE ${info.table}`);
    await appendLog(client, 'backup_dropped', { table: info.table, reason });
  });
}
