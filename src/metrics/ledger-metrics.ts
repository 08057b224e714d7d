/**
 * Metrics derived from the store at scrape time, so that runs made by the CLI, cron or another
 * server count as much as this server's own: grading runs by trigger and status, durations,
 * lock waits and holds, rows written, duplicate keys found, stale-fence rejections, alerts by
 * event and outcome. Labelled by trigger and lock type, never by date.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { LedgerHistogram, RunAggregate } from '../store/store.js';
import { AggregateHistogram, type HistogramSeries } from './aggregate-histogram.js';
import {
  DURATION_BUCKETS_S,
  groupBy,
  type LedgerSnapshot,
  mergeHistograms,
} from './ledger-snapshot.js';

type Load = () => Promise<LedgerSnapshot>;

/** Alert outcomes that later change (a delivery in flight): left out so the counter only rises. */
const IN_FLIGHT_OUTCOMES: readonly string[] = ['sending'];
type Measure = 'duration' | 'lockWait' | 'hold';

/** Per trigger, the merged histogram of one measure, in seconds. */
function byTrigger(runs: readonly RunAggregate[], measure: Measure): HistogramSeries<'trigger'>[] {
  const groups = groupBy(runs, (r) => r.trigger);
  return [...groups.entries()].map(([trigger, rows]) => {
    const merged: LedgerHistogram = mergeHistograms(
      rows.map((r) => r[measure]),
      DURATION_BUCKETS_S.length,
    );
    return {
      labels: { trigger },
      buckets: merged.buckets,
      count: merged.count,
      sum: merged.sumMs / 1000,
    };
  });
}

function finished(runs: readonly RunAggregate[]): RunAggregate[] {
  return runs.filter((r) => r.status !== 'running');
}

function sumBy(
  runs: readonly RunAggregate[],
  value: (r: RunAggregate) => number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of runs) out.set(r.trigger, (out.get(r.trigger) ?? 0) + value(r));
  return out;
}

function runCounters(registry: Registry, load: Load): void {
  new Counter({
    name: 'propgrade_grading_runs_total',
    help: 'Finished grading runs in the ledger (every entry point), by trigger and final status.',
    labelNames: ['trigger', 'status'] as const,
    registers: [registry],
    async collect() {
      const { runs } = await load();
      this.reset();
      for (const r of finished(runs)) this.inc({ trigger: r.trigger, status: r.status }, r.runs);
    },
  });
  const perTrigger = (name: string, help: string, value: (r: RunAggregate) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['trigger'] as const,
      registers: [registry],
      async collect() {
        const { runs } = await load();
        this.reset();
        for (const [trigger, n] of sumBy(finished(runs), value)) this.inc({ trigger }, n);
      },
    });
  perTrigger(
    'propgrade_grading_rows_written_total',
    'Graded rows written by finished runs.',
    (r) => r.rowsWritten,
  );
  perTrigger(
    'propgrade_grading_duplicate_keys_found_total',
    'Duplicate business keys found by post-write validation, summed over runs.',
    (r) => r.duplicateKeys,
  );
}

function runGauges(registry: Registry, load: Load): void {
  new Gauge({
    name: 'propgrade_grading_runs_running',
    help: 'Runs whose ledger status is still running, by trigger.',
    labelNames: ['trigger'] as const,
    registers: [registry],
    async collect() {
      const { runs } = await load();
      this.reset();
      for (const [trigger, n] of sumBy(
        runs.filter((r) => r.status === 'running'),
        (r) => r.runs,
      ))
        this.set({ trigger }, n);
    },
  });
  new Gauge({
    name: 'propgrade_ledger_up',
    help: '1 when the last scrape could read the run ledger and alert history, else 0.',
    registers: [registry],
    async collect() {
      this.set((await load()).ok ? 1 : 0);
    },
  });
}

function staleFenceCounter(registry: Registry, load: Load): void {
  new Counter({
    name: 'propgrade_lock_stale_fence_rejections_total',
    help: 'Writes the store refused for a stale fence token (ledger status stale_fence).',
    labelNames: ['lock_type'] as const,
    registers: [registry],
    async collect() {
      const { runs } = await load();
      this.reset();
      const n = runs.filter((r) => r.status === 'stale_fence').reduce((a, r) => a + r.runs, 0);
      this.inc({ lock_type: 'grading' }, n);
    },
  });
}

function runHistograms(registry: Registry, load: Load): void {
  const histogram = (name: string, help: string, measure: Measure) =>
    new AggregateHistogram({
      name,
      help,
      labelNames: ['trigger'] as const,
      buckets: DURATION_BUCKETS_S,
      registry,
      load: async () => byTrigger((await load()).runs, measure),
    });
  histogram(
    'propgrade_grading_run_duration_seconds',
    'Run duration, start to finish, from the ledger.',
    'duration',
  );
  histogram(
    'propgrade_grading_lock_wait_seconds',
    'Time runs waited for their lease, from the ledger.',
    'lockWait',
  );
  histogram(
    'propgrade_grading_lease_hold_seconds',
    'Hold windows of runs (lease acquired to finish), from the ledger.',
    'hold',
  );
}

function alertCounter(registry: Registry, load: Load): void {
  new Counter({
    name: 'propgrade_alerts_total',
    help: 'Stored alerts by event and final outcome (sent, suppressed, failed, resolved, logged).',
    labelNames: ['event', 'outcome'] as const,
    registers: [registry],
    async collect() {
      const { alerts } = await load();
      this.reset();
      for (const a of alerts.filter((x) => !IN_FLIGHT_OUTCOMES.includes(x.outcome)))
        this.inc({ event: a.event, outcome: a.outcome }, a.alerts);
    },
  });
}

/** Register every ledger-derived metric on `registry`, reading through `load` at scrape time. */
export function registerLedgerMetrics(registry: Registry, load: Load): void {
  runCounters(registry, load);
  runGauges(registry, load);
  staleFenceCounter(registry, load);
  runHistograms(registry, load);
  alertCounter(registry, load);
}
