/** `propgrade report [--from D --to D]`: the investigation report, as JSON or for people. */
import type { Command } from 'commander';
import { checkRange } from '../../pipeline/dedupe-plan.js';
import { type InvestigationReport, investigate } from '../../pipeline/report-investigate.js';
import { catalogCommand } from '../catalog.js';
import { configFlags, parseDate, withCommonOptions } from '../options.js';
import { num, percent, printJson, say, table } from '../output.js';
import { action } from '../run.js';
import { openRuntime } from '../runtime.js';

type Opts = Record<string, unknown> & { from?: string; to?: string };

const n = (x: number) => x.toLocaleString('en-US');

function totalsText(r: InvestigationReport): string {
  const t = r.totals;
  const scope = r.from || r.to ? `${r.from ?? '…'} to ${r.to ?? '…'}` : 'all dates';
  return [
    `prediction_accuracy, ${scope}`,
    `  ${n(t.rows)} rows · ${n(t.uniqueKeys)} unique keys (NULL-safe) · ${n(t.duplicateRows)} duplicate rows (${percent(t.duplicateRate, 2)}) in ${n(t.duplicateKeys)} duplicate keys · ${num(t.duplicatesPerUniqueKey, 4)} duplicates per unique key`,
    `  ${n(t.nullLineRows)} rows have no line: a NULL-unsafe COUNT(DISTINCT CONCAT(…, line_value)) sees only ${n(t.naiveUniqueKeys)} keys and would claim ${n(t.rows - t.naiveUniqueKeys)} "duplicates"`,
  ].join('\n');
}

function byDateText(r: InvestigationReport): string {
  return table(
    [
      'date',
      'rows',
      'unique keys',
      'dup rows',
      'dup keys',
      'dup %',
      'dup/key',
      'concurrent',
      'same run',
      'unknown',
    ],
    r.byDate.map((d) => [
      d.gameDate,
      n(d.rows),
      n(d.uniqueKeys),
      n(d.duplicateRows),
      n(d.duplicateKeys),
      percent(d.duplicateRate, 2),
      num(d.duplicatesPerUniqueKey, 4),
      d.causes.concurrentRuns,
      d.causes.sameRun,
      d.causes.unknown,
    ]),
  );
}

function causesText(r: InvestigationReport): string {
  const c = r.causes;
  return [
    `causes of the ${n(r.totals.duplicateKeys)} duplicate keys: ${n(c.concurrentRuns)} concurrent runs (rows from two or more runs) · ${n(c.sameRun)} same run · ${n(c.unknown)} unknown origin (no run id or one the ledger lacks: ${n(c.unknownIdenticalGradedAt)} with identical graded_at, ${n(c.unknownDifferentGradedAt)} with different)`,
    `line movement (not duplicates): ${n(c.lineMovement)} player/game/system groups graded at more than one line`,
  ].join('\n');
}

function runsText(r: InvestigationReport): string {
  const overlaps = r.overlappingRuns.length
    ? table(
        ['date', 'runs', 'overlap from', 'to'],
        r.overlappingRuns.map((o) => [o.gameDate, o.runIds.join('\n'), o.from, o.to]),
      )
    : 'none';
  const long = r.longRuns.length
    ? table(
        ['run', 'date', 'trigger', 'started', 'finished', 'minutes'],
        r.longRuns.map((l) => [
          l.runId,
          l.gameDate,
          l.trigger,
          l.startedAt,
          l.finishedAt,
          num(l.durationMs / 60_000, 1),
        ]),
      )
    : 'none';
  return `runs that wrote with overlapping hold windows: ${overlaps}\nruns longer than the lock TTL (${n(r.lockTtlMs)} ms): ${long}`;
}

function accuracyText(r: InvestigationReport): string {
  return table(
    ['system', 'graded (all rows)', 'hit rate', 'graded (deduplicated)', 'hit rate', 'inflation'],
    r.accuracy.map((a) => [
      a.systemId,
      n(a.withDuplicates.graded),
      percent(a.withDuplicates.hitRate, 2),
      n(a.withoutDuplicates.graded),
      percent(a.withoutDuplicates.hitRate, 2),
      n(a.withDuplicates.graded - a.withoutDuplicates.graded),
    ]),
  );
}

function topKeysText(r: InvestigationReport): string {
  if (r.topKeys.length === 0) return 'no duplicate keys';
  return table(
    ['date', 'player', 'game', 'system', 'line', 'rows', 'cause'],
    r.topKeys.map((k) => [
      k.gameDate,
      k.playerLookup,
      k.gameId,
      k.systemId,
      k.lineValue ?? 'NULL',
      k.rows,
      k.cause,
    ]),
  );
}

/** The report for people. */
export function reportText(r: InvestigationReport): string {
  return [
    totalsText(r),
    byDateText(r),
    causesText(r),
    runsText(r),
    'accuracy with and without duplicates (deduplicated: the earliest graded_at per key, as dedupe keeps):',
    accuracyText(r),
    'top duplicate keys:',
    topKeysText(r),
  ].join('\n\n');
}

/** Register `report`. */
export function registerReport(program: Command): void {
  withCommonOptions(catalogCommand(program, 'report'))
    .option('--from <date>', 'first date', parseDate)
    .option('--to <date>', 'last date', parseDate)
    .action(
      action(async (opts: Opts) => {
        const range = checkRange(opts);
        await using rt = await openRuntime(configFlags(opts));
        const report = await investigate(rt.store, range, rt.config.lockTtlMs);
        if (opts.json) printJson(report);
        else say(reportText(report));
        return 0;
      }),
    );
}
