/** The machine and services a bench ran on, recorded with its figures. */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';

/** What the results were measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  postgres: string;
  /** Server settings that shape write and sort speed. */
  postgresSettings: Record<string, string>;
  redis: string;
  /** 1-minute load average when the bench started (other work on the machine skews figures). */
  loadAverageAtStart: number;
  loadAverageAtEnd?: number;
}

const PG_SETTINGS = [
  'server_version',
  'shared_buffers',
  'work_mem',
  'maintenance_work_mem',
  'max_wal_size',
  'synchronous_commit',
  'fsync',
];

async function postgresSettings(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; setting: string }>(
      'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1)',
      [PG_SETTINGS],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } catch (err) {
    return { server_version: `unavailable (${err instanceof Error ? err.message : String(err)})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisVersion(url: string): Promise<string> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
  });
  try {
    await client.connect();
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch (err) {
    return `unavailable (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    client.disconnect();
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return String(db.prepare('SELECT sqlite_version()').pluck().get());
  } finally {
    db.close();
  }
}

/** Describe this machine and the services at the given URLs. */
export async function describeMachine(pgUrl: string, redisUrl: string): Promise<MachineInfo> {
  const cpu = cpus();
  const settings = await postgresSettings(pgUrl);
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    sqlite: sqliteVersion(),
    postgres: settings.server_version ?? 'unknown',
    postgresSettings: settings,
    redis: await redisVersion(redisUrl),
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}
