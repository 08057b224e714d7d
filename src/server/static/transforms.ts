/**
 * The dashboard's data transforms (served at `/static/transforms.js`): pure functions from the
 * JSON APIs to chart series, so what a chart shows is exactly what the APIs say.
 *
 * - hit rate: labels = sorted game dates of `/accuracy` `daily`; one dataset per system (sorted),
 *   value = that day's `hitRate` or null.
 * - duplicates: labels = `/duplicates` `byDate` dates; datasets duplicate keys, duplicate rows.
 * - contention (runs of `/runs`, dry runs left out): per sorted game date, attempts, attempts
 *   that waited (`lockWaitMs > 0`), lock timeouts, and total wait in seconds.
 * - timeline (runs of one date, dry runs left out, by `startedAt` then `runId`): seconds since
 *   the first start; "waiting" = [start, lease acquired (or finish when never acquired)],
 *   "holding" = [lease acquired (start for --lock none), finish]; a hold that intersects another
 *   run's hold goes to "overlapping hold" instead.
 */

/** Browser script: defines `window.PropgradeTransforms`. */
export const TRANSFORMS_JS = `(function () {
  'use strict';
  var PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

  function uniqueSorted(values) {
    return Array.from(new Set(values)).sort();
  }
  function ms(ts) {
    return ts ? Date.parse(ts) : null;
  }

  function hitRate(daily) {
    var dates = uniqueSorted(daily.map(function (r) { return r.gameDate; }));
    var systems = uniqueSorted(daily.map(function (r) { return r.systemId; }));
    var byKey = new Map(daily.map(function (r) { return [r.systemId + '|' + r.gameDate, r.hitRate]; }));
    return {
      labels: dates,
      datasets: systems.map(function (system, i) {
        return {
          label: system,
          color: PALETTE[i % PALETTE.length],
          data: dates.map(function (d) {
            var v = byKey.get(system + '|' + d);
            return v === undefined ? null : v;
          }),
        };
      }),
    };
  }

  function duplicates(byDate) {
    return {
      labels: byDate.map(function (r) { return r.gameDate; }),
      datasets: [
        { label: 'duplicate keys', color: '#dc2626', data: byDate.map(function (r) { return r.duplicateKeys; }) },
        { label: 'duplicate rows', color: '#f59e0b', data: byDate.map(function (r) { return r.duplicateRows; }) },
      ],
    };
  }

  function contention(runs) {
    var attempts = runs.filter(function (r) { return r.status !== 'dry_run'; });
    var dates = uniqueSorted(attempts.map(function (r) { return r.gameDate; }));
    function per(fn) {
      return dates.map(function (d) {
        return attempts.filter(function (r) { return r.gameDate === d; }).reduce(function (a, r) { return a + fn(r); }, 0);
      });
    }
    return {
      labels: dates,
      datasets: [
        { label: 'attempts', color: '#94a3b8', data: per(function () { return 1; }) },
        { label: 'waited for the lease', color: '#f59e0b', data: per(function (r) { return r.lockWaitMs > 0 ? 1 : 0; }) },
        { label: 'lock timeouts', color: '#dc2626', data: per(function (r) { return r.status === 'lock_timeout' ? 1 : 0; }) },
        { label: 'total lock wait (s)', color: '#2563eb', line: true, data: per(function (r) { return (r.lockWaitMs || 0) / 1000; }) },
      ],
    };
  }

  function holdOf(run, nowMs) {
    var start = ms(run.lockAcquiredAt) || (run.lockMode === 'none' ? ms(run.startedAt) : null);
    if (start === null) return null;
    return [start, ms(run.finishedAt) || nowMs];
  }

  function waitOf(run, nowMs) {
    if (run.lockMode === 'none') return null;
    return [ms(run.startedAt), ms(run.lockAcquiredAt) || ms(run.finishedAt) || nowMs];
  }

  function timeline(runs, nowMs) {
    var sorted = runs.filter(function (r) { return r.status !== 'dry_run'; }).sort(function (a, b) {
      if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
      return a.runId < b.runId ? -1 : 1;
    });
    var t0 = sorted.length ? ms(sorted[0].startedAt) : 0;
    var holds = sorted.map(function (r) { return holdOf(r, nowMs); });
    var overlapping = holds.map(function (h, i) {
      return h !== null && holds.some(function (o, j) { return j !== i && o !== null && h[0] < o[1] && o[0] < h[1]; });
    });
    function rel(pair) {
      return pair === null ? null : [(pair[0] - t0) / 1000, (pair[1] - t0) / 1000];
    }
    return {
      t0: t0,
      labels: sorted.map(function (r) {
        return r.startedAt.slice(11, 23) + ' ' + r.trigger + ' ' + r.status + ' ' + r.runId.slice(0, 8);
      }),
      datasets: [
        { label: 'waiting for the lease', color: '#f59e0b', data: sorted.map(function (r) { return rel(waitOf(r, nowMs)); }) },
        { label: 'holding the lease', color: '#16a34a', data: holds.map(function (h, i) { return overlapping[i] ? null : rel(h); }) },
        { label: 'overlapping hold', color: '#dc2626', data: holds.map(function (h, i) { return overlapping[i] ? rel(h) : null; }) },
      ],
    };
  }

  window.PropgradeTransforms = {
    hitRate: hitRate,
    duplicates: duplicates,
    contention: contention,
    timeline: timeline,
  };
})();
`;
