/**
 * A Prometheus histogram whose buckets are computed elsewhere (from the ledger, at scrape time)
 * instead of observed in this process. prom-client's Histogram renders the exposition; this
 * subclass only supplies its series from a loader on every scrape.
 */
import {
  Histogram,
  type MetricObjectWithValues,
  type MetricValueWithName,
  type Registry,
} from 'prom-client';

/** One labelled series: cumulative counts per bound (same order as the bounds), count and sum. */
export interface HistogramSeries<L extends string> {
  labels: Record<L, string>;
  /** Observations ≤ each bound, cumulative. */
  buckets: readonly number[];
  count: number;
  /** Sum of observations in the histogram's unit (seconds). */
  sum: number;
}

/** Configuration: name, help, label names, bucket bounds (seconds), registry and the loader. */
export interface AggregateHistogramConfig<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  buckets: readonly number[];
  registry: Registry;
  load: () => Promise<HistogramSeries<L>[]>;
}

type Exported<L extends string> = MetricObjectWithValues<MetricValueWithName<L>>;

/** prom-client declares MetricType as a TypeScript enum it does not export at run time. */
const HISTOGRAM_TYPE = 'histogram' as unknown as Exported<string>['type'];

/** A histogram rendered from precomputed bucket counts. */
export class AggregateHistogram<L extends string> extends Histogram<L> {
  private readonly metricName: string;
  private readonly metricHelp: string;
  private readonly bounds: readonly number[];
  private readonly load: () => Promise<HistogramSeries<L>[]>;

  constructor(config: AggregateHistogramConfig<L>) {
    super({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames,
      buckets: [...config.buckets],
      registers: [config.registry],
    });
    this.metricName = config.name;
    this.metricHelp = config.help;
    this.bounds = config.buckets;
    this.load = config.load;
  }

  /** The series as prom-client's registry renders a histogram. */
  override async get(): Promise<Exported<L>> {
    const series = await this.load();
    return {
      name: this.metricName,
      help: this.metricHelp,
      type: HISTOGRAM_TYPE,
      aggregator: 'sum',
      collect: () => undefined,
      values: series.flatMap((s) => this.valuesOf(s)),
    };
  }

  /** The registry prefers this method when present; same values as `get`. */
  getForPromString(): Promise<Exported<L>> {
    return this.get();
  }

  private valuesOf(s: HistogramSeries<L>): MetricValueWithName<L>[] {
    const bucket = `${this.metricName}_bucket`;
    const withLe = (le: number | string) => ({ ...s.labels, le }) as Record<L, string>;
    return [
      ...this.bounds.map((le, i) => ({
        labels: withLe(le),
        value: s.buckets[i] ?? 0,
        metricName: bucket,
      })),
      { labels: withLe('+Inf'), value: s.count, metricName: bucket },
      { labels: s.labels, value: s.sum, metricName: `${this.metricName}_sum` },
      { labels: s.labels, value: s.count, metricName: `${this.metricName}_count` },
    ];
  }
}
