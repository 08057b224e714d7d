/** The results as a plain-text table for the terminal. */
import type { MachineInfo } from './machine.js';
import { describeTarget, type Measurement, type ScenarioResult } from './result.js';

const HEADERS = [
  'scenario',
  'measurement',
  'median',
  'reference (median)',
  'ratio',
  'target',
  'met',
];

function figure(value: number, unit: string): string {
  return `${value >= 100 ? Math.round(value) : value} ${unit}`;
}

function rowOf(scenario: string, m: Measurement): string[] {
  const ref = m.reference ? `${m.reference.name}: ${figure(m.reference.median, m.unit)}` : '';
  const ratio =
    m.ratio === undefined ? '' : `${m.ratio}x${m.ratioOf === 'reference/value' ? ' speed-up' : ''}`;
  const met = m.met === undefined ? '' : m.met ? 'yes' : 'NO';
  return [
    scenario,
    m.name,
    figure(m.median, m.unit),
    ref,
    ratio,
    m.target ? describeTarget(m.target, m.unit) : '',
    met,
  ];
}

function scenarioRows(s: ScenarioResult): string[][] {
  if (s.status !== 'ok' || s.measurements.length === 0) {
    return [[s.name, `${s.status.replace('_', ' ')}: ${s.note ?? ''}`, '', '', '', '', '']];
  }
  return s.measurements.map((m) => rowOf(s.name, m));
}

/** Render the results table with the machine line above it. */
export function renderTable(scenarios: readonly ScenarioResult[], machine: MachineInfo): string {
  const rows = [HEADERS, ...scenarios.flatMap(scenarioRows)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const head = `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, SQLite ${machine.sqlite}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}, load ${machine.loadAverageAtStart}`;
  return [head, '', line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}
