/**
 * The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * against a database seeded by `propgrade demo`: every chart's data, read back through
 * `Chart.getChart(canvas).data`, equals what the JSON APIs say (recomputed here independently),
 * no console errors or failed requests, the token leaves the address bar, and the screenshot is
 * not blank.
 */
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import type { RunRecord } from '../../src/store/store.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { getJson, requireTool, startTestServer, TOKEN } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = requireTool(
  CHROMIUM,
  'the dashboard browser test is',
  'apt-get install -y chromium',
);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface ChartData {
  labels: unknown[];
  datasets: { label: string; data: unknown[] }[];
}

const tmp = tempDir('propgrade-dashboard-');
/** Screenshots go to their own temp folder, kept for a look when PROPGRADE_KEEP_SCREENSHOT is set. */
const shots = tempDir('propgrade-dashboard-shot-');
const keepShots = Boolean(process.env.PROPGRADE_KEEP_SCREENSHOT);
const db = join(tmp.dir, 'demo.db');
let server: RunningServer;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

/** A stored daily check in the shape `propgrade validate` stores. */
const DAILY_CHECKS = [
  { name: 'accuracy_duplicates', status: 'ok', count: 0, details: {} },
  { name: 'freshness', status: 'warning', count: 1, details: { behindDays: 1 } },
];

const uniqueSorted = (values: string[]) => [...new Set(values)].sort();

interface DailyRow {
  gameDate: string;
  systemId: string;
  hitRate: number | null;
}

interface DuplicateRow {
  gameDate: string;
  duplicateKeys: number;
  duplicateRows: number;
}

/** The page's default window: the 30 days ending at the newest date of /performance. */
async function defaultWindow(): Promise<{ from: string; to: string }> {
  const { daily } = await getJson<{ daily: DailyRow[] }>(server, '/performance');
  const to = uniqueSorted(daily.map((d) => d.gameDate)).at(-1)!;
  return {
    from: new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10),
    to,
  };
}

function expectedDuplicates(byDate: DuplicateRow[]): ChartData {
  return {
    labels: byDate.map((d) => d.gameDate),
    datasets: [
      { label: 'duplicate keys', data: byDate.map((d) => d.duplicateKeys) },
      { label: 'duplicate rows', data: byDate.map((d) => d.duplicateRows) },
    ],
  };
}

function expectedHitRate(daily: DailyRow[]): ChartData {
  const dates = uniqueSorted(daily.map((d) => d.gameDate));
  const systems = uniqueSorted(daily.map((d) => d.systemId));
  return {
    labels: dates,
    datasets: systems.map((system) => ({
      label: system,
      data: dates.map(
        (date) => daily.find((d) => d.systemId === system && d.gameDate === date)?.hitRate ?? null,
      ),
    })),
  };
}

function expectedContention(runs: RunRecord[]): ChartData {
  const attempts = runs.filter((r) => r.status !== 'dry_run');
  const dates = uniqueSorted(attempts.map((r) => r.gameDate));
  const per = (f: (r: RunRecord) => number) =>
    dates.map((d) => attempts.filter((r) => r.gameDate === d).reduce((sum, r) => sum + f(r), 0));
  return {
    labels: dates,
    datasets: [
      { label: 'attempts', data: per(() => 1) },
      { label: 'waited for the lease', data: per((r) => ((r.lockWaitMs ?? 0) > 0 ? 1 : 0)) },
      { label: 'lock timeouts', data: per((r) => (r.status === 'lock_timeout' ? 1 : 0)) },
      { label: 'total lock wait (s)', data: per((r) => (r.lockWaitMs ?? 0) / 1000) },
    ],
  };
}

function expectedTimeline(runs: RunRecord[]): ChartData {
  const sorted = runs
    .filter((r) => r.status !== 'dry_run')
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
  const t0 = Date.parse(sorted[0]!.startedAt);
  const rel = (from: string, to: string) => [
    (Date.parse(from) - t0) / 1000,
    (Date.parse(to) - t0) / 1000,
  ];
  const holds = sorted.map(
    (r) => [Date.parse(r.lockAcquiredAt!), Date.parse(r.finishedAt!)] as const,
  );
  const overlaps = holds.map((h, i) => holds.some((o, j) => j !== i && h[0] < o[1] && o[0] < h[1]));
  return {
    labels: sorted.map(
      (r) => `${r.startedAt.slice(11, 23)} ${r.trigger} ${r.status} ${r.runId.slice(0, 8)}`,
    ),
    datasets: [
      {
        label: 'waiting for the lease',
        data: sorted.map((r) => rel(r.startedAt, r.lockAcquiredAt!)),
      },
      {
        label: 'holding the lease',
        data: sorted.map((r, i) => (overlaps[i] ? null : rel(r.lockAcquiredAt!, r.finishedAt!))),
      },
      {
        label: 'overlapping hold',
        data: sorted.map((r, i) => (overlaps[i] ? rel(r.lockAcquiredAt!, r.finishedAt!) : null)),
      },
    ],
  };
}

function chartData(id: string): Promise<ChartData> {
  return page.evaluate((canvasId) => {
    const chartJs = (
      window as unknown as { Chart: { getChart(c: Element): { data: ChartData } | undefined } }
    ).Chart;
    const chart = chartJs.getChart(document.getElementById(canvasId)!);
    if (!chart) throw new Error(`no chart on ${canvasId}`);
    return {
      labels: chart.data.labels,
      datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })),
    };
  }, id);
}

describe.skipIf(!available)('dashboard in headless Chromium', () => {
  beforeAll(async () => {
    const demo = await runCli(['demo', '--db', db, '--days', '5', '--json']);
    expect(demo.code, demo.stderr).toBe(0);
    server = await startTestServer(db);
    await server.deps.ctx.store.insertValidation({
      kind: 'daily_check',
      runId: null,
      from: '2026-03-01',
      to: '2026-03-07',
      status: 'warning',
      result: { status: 'warning', checks: DAILY_CHECKS },
    });
    context = await chromium.launchPersistentContext(join(tmp.dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) =>
      problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
    );
    page.on(
      'response',
      (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`),
    );
    await page.goto(`${server.url}/?token=${TOKEN}`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  });
  afterAll(async () => {
    await context?.close();
    await server?.shutdown();
    tmp.cleanup();
    if (!keepShots) shots.cleanup();
  });

  it('loads without console errors or failed requests, and takes the token out of the address', () => {
    expect(problems).toEqual([]);
    expect(page.url()).toBe(`${server.url}/`);
  });

  it('shows the 30 days ending at the newest graded date when the address has no range', async () => {
    const w = await defaultWindow();
    expect(w).toEqual({ from: '2026-02-06', to: '2026-03-07' });
    expect(await page.textContent('#window')).toBe(`showing ${w.from} to ${w.to}`);
  });

  it('draws hit rate per system over time exactly as /performance says', async () => {
    const { from, to } = await defaultWindow();
    const { daily } = await getJson<{ daily: DailyRow[] }>(
      server,
      `/performance?from=${from}&to=${to}`,
    );
    expect(uniqueSorted(daily.map((d) => d.gameDate))).toHaveLength(5);
    expect(await chartData('chart-hit-rate')).toEqual(expectedHitRate(daily));
  });

  it('draws duplicate keys by date exactly as /duplicates says', async () => {
    const { from, to } = await defaultWindow();
    const { byDate } = await getJson<{ byDate: DuplicateRow[] }>(
      server,
      `/duplicates?from=${from}&to=${to}`,
    );
    expect(byDate).toHaveLength(5);
    expect(await chartData('chart-duplicates')).toEqual(expectedDuplicates(byDate));
  });

  it('draws lock contention and the run timeline of the latest date (the demo race) from /runs', async () => {
    const { from, to } = await defaultWindow();
    const { runs } = await getJson<{ runs: RunRecord[] }>(
      server,
      `/runs?from=${from}&to=${to}&limit=5000`,
    );
    expect(await chartData('chart-contention')).toEqual(expectedContention(runs));
    const ofLatest = await getJson<{ runs: RunRecord[] }>(server, `/runs?date=${to}&limit=5000`);
    expect(ofLatest.runs.length).toBe(2);
    const timeline = await chartData('chart-timeline');
    expect(timeline).toEqual(expectedTimeline(ofLatest.runs));
    expect(
      timeline.datasets.find((d) => d.label === 'overlapping hold')!.data.every((v) => v === null),
    ).toBe(true);
    expect(await page.inputValue('#timeline-date')).toBe(to);
  });

  it('shows the latest daily check, check by check', async () => {
    const rows = await page.$$eval('#validation table:first-of-type tr', (trs) =>
      trs.slice(1).map((tr) =>
        Array.from(tr.querySelectorAll('td'))
          .slice(0, 3)
          .map((td) => td.textContent),
      ),
    );
    expect(rows).toEqual(DAILY_CHECKS.map((c) => [c.name, c.status, String(c.count)]));
  });

  it('lists the latest post-write validations', async () => {
    const { validations } = await getJson<{ validations: { kind: string; from: string }[] }>(
      server,
      '/validation?limit=50',
    );
    const postWrite = validations.filter((v) => v.kind === 'post_write').slice(0, 10);
    const firstColumn = await page.$$eval(
      '#validation table:last-of-type tr td:first-child',
      (cells) => cells.map((c) => c.textContent),
    );
    expect(firstColumn).toEqual(postWrite.map((v) => v.from));
  });

  it('renders a screenshot that is not blank', async () => {
    const file = join(shots.dir, 'dashboard.png');
    const png = await page.screenshot({ path: file, fullPage: true });
    expect(png.length).toBeGreaterThan(30_000);
    const colours = await page.evaluate(
      async (dataUrl) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const g = canvas.getContext('2d')!;
        g.drawImage(image, 0, 0);
        const pixels = g.getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set<number>();
        for (let i = 0; i < pixels.length; i += 4)
          seen.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
        return seen.size;
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
    expect(colours).toBeGreaterThan(50);
    if (keepShots) console.info(`dashboard screenshot kept at ${file}`);
  });

  it('follows ?from=&to= in the address (the token stays in the tab)', async () => {
    await page.goto(`${server.url}/?from=2026-03-05&to=2026-03-06`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
    const { daily } = await getJson<{ daily: DailyRow[] }>(
      server,
      '/performance?from=2026-03-05&to=2026-03-06',
    );
    expect(await chartData('chart-hit-rate')).toEqual(expectedHitRate(daily));
    expect((await chartData('chart-duplicates')).labels).toEqual(['2026-03-05', '2026-03-06']);
    expect(await page.inputValue('input[name="from"]')).toBe('2026-03-05');
    expect(problems).toEqual([]);
  });
});
