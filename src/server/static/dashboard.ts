/**
 * The dashboard's page script (served at `/static/dashboard.js`): fetches the JSON APIs, turns
 * them into series with `PropgradeTransforms`, draws them with Chart.js and fills the validation
 * table. The window is `?from=&to=` from the address, else the 30 days ending at the newest date
 * in `/performance`. When everything is drawn, `<body data-state>` becomes `ready` (or `error`).
 */

/** Browser script: draws the dashboard. */
export const DASHBOARD_JS = `(function () {
  'use strict';
  var api = window.PropgradeApi;
  var T = window.PropgradeTransforms;
  /** Without from/to in the address: the 30 days ending at the newest graded date. */
  var DEFAULT_DAYS = 30;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  function range() {
    var params = new URLSearchParams(window.location.search);
    return { from: params.get('from') || '', to: params.get('to') || '' };
  }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    var previous = Chart.getChart(canvas);
    if (previous) previous.destroy();
    return new Chart(canvas, config);
  }

  function colored(datasets, extra) {
    return datasets.map(function (d) {
      var out = { label: d.label, data: d.data, backgroundColor: d.color, borderColor: d.color };
      if (d.line) Object.assign(out, { type: 'line', yAxisID: 'seconds', tension: 0 });
      return Object.assign(out, extra || {});
    });
  }

  function percent(value) {
    return Math.round(value * 1000) / 10 + '%';
  }

  function drawHitRate(daily) {
    var s = T.hitRate(daily);
    draw('chart-hit-rate', {
      type: 'line',
      data: { labels: s.labels, datasets: colored(s.datasets, { spanGaps: true, tension: 0.2, pointRadius: 3 }) },
      options: {
        scales: { y: { min: 0, max: 1, ticks: { callback: percent }, title: { display: true, text: 'hit rate' } } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + percent(c.parsed.y); } } } },
      },
    });
  }

  function drawDuplicates(duplicates) {
    var s = T.duplicates(duplicates.byDate);
    var keys = duplicates.byDate.reduce(function (a, r) { return a + r.duplicateKeys; }, 0);
    var worst = duplicates.byDate.filter(function (r) { return r.duplicateKeys > 0; }).length;
    document.getElementById('duplicates-summary').textContent =
      keys + ' duplicate keys on ' + worst + ' of ' + duplicates.byDate.length + ' graded dates';
    draw('chart-duplicates', {
      type: 'bar',
      data: { labels: s.labels, datasets: colored(s.datasets) },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  function drawContention(runs) {
    var s = T.contention(runs);
    draw('chart-contention', {
      type: 'bar',
      data: { labels: s.labels, datasets: colored(s.datasets) },
      options: {
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'runs' } },
          seconds: { type: 'linear', axis: 'y', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'seconds' } },
        },
      },
    });
  }

  function drawTimeline(runs) {
    var s = T.timeline(runs, Date.now());
    document.getElementById('timeline-box').style.height = Math.max(220, 26 * s.labels.length + 90) + 'px';
    var start = s.labels.length ? new Date(s.t0).toISOString() : 'no runs';
    draw('chart-timeline', {
      type: 'bar',
      data: { labels: s.labels, datasets: colored(s.datasets, { grouped: false, barPercentage: 0.7 }) },
      options: {
        indexAxis: 'y',
        scales: {
          x: { beginAtZero: true, title: { display: true, text: 'seconds since ' + start } },
          y: { ticks: { font: { family: 'ui-monospace, monospace', size: 11 } } },
        },
      },
    });
  }

  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '—' : String(text);
    return td;
  }

  function statusCell(status) {
    var td = document.createElement('td');
    var badge = document.createElement('span');
    badge.className = 'status ' + status;
    badge.textContent = status;
    td.appendChild(badge);
    return td;
  }

  function table(head, rows) {
    var t = document.createElement('table');
    var tr = document.createElement('tr');
    head.forEach(function (h) { var th = document.createElement('th'); th.textContent = h; tr.appendChild(th); });
    t.appendChild(tr);
    rows.forEach(function (cells) { var row = document.createElement('tr'); cells.forEach(function (c) { row.appendChild(c); }); t.appendChild(row); });
    return t;
  }

  function heading(text) {
    var p = document.createElement('p');
    p.className = 'muted';
    p.textContent = text;
    return p;
  }

  function checkRows(daily) {
    var checks = (daily.result && daily.result.checks) || [];
    return checks.map(function (c) {
      return [cell(c.name), statusCell(c.status), cell(c.count), cell(c.details ? JSON.stringify(c.details).slice(0, 160) : '')];
    });
  }

  function drawValidation(validation) {
    var box = document.getElementById('validation');
    box.textContent = '';
    var daily = validation.latestDailyCheck;
    if (daily) {
      box.appendChild(heading('daily check ' + daily.from + ' to ' + daily.to + ' at ' + daily.createdAt + ': ' + daily.status));
      box.appendChild(table(['check', 'status', 'count', 'details'], checkRows(daily)));
    } else {
      box.appendChild(heading('no daily check stored yet (run propgrade validate)'));
    }
    var recent = validation.validations.filter(function (v) { return v.kind === 'post_write'; }).slice(0, 10);
    box.appendChild(heading('latest post-write validations'));
    box.appendChild(table(['game date', 'status', 'duplicate keys', 'run', 'at'], recent.map(function (v) {
      return [cell(v.from), statusCell(v.status), cell(v.result && v.result.duplicateKeys), cell(v.runId && v.runId.slice(0, 8)), cell(v.createdAt)];
    })));
  }

  async function loadTimeline(date) {
    var body = await api.getJson(api.withQuery('/runs', { date: date, limit: 5000 }));
    drawTimeline(body.runs);
  }

  function fillDates(runs) {
    var select = document.getElementById('timeline-date');
    var dates = Array.from(new Set(runs.map(function (r) { return r.gameDate; }))).sort().reverse();
    select.textContent = '';
    dates.forEach(function (d) { var o = document.createElement('option'); o.value = d; o.textContent = d; select.appendChild(o); });
    return dates[0] || null;
  }

  function showError(err) {
    var banner = document.getElementById('banner');
    banner.hidden = false;
    banner.textContent = 'Could not load the dashboard: ' + (err && err.message ? err.message : String(err));
    document.body.dataset.state = 'error';
  }

  function daysBefore(date, days) {
    return new Date(Date.parse(date + 'T00:00:00Z') - days * 86400000).toISOString().slice(0, 10);
  }

  async function chooseWindow(r) {
    var performance = await api.getJson(api.withQuery('/performance', r));
    if (r.from || r.to || performance.daily.length === 0) return { range: r, daily: performance.daily };
    var latest = performance.daily.reduce(function (a, d) { return d.gameDate > a ? d.gameDate : a; }, '');
    var from = daysBefore(latest, DEFAULT_DAYS - 1);
    return {
      range: { from: from, to: latest },
      daily: performance.daily.filter(function (d) { return d.gameDate >= from; }),
    };
  }

  async function load() {
    document.body.dataset.state = 'loading';
    var w = await chooseWindow(range());
    var r = w.range;
    document.getElementById('window').textContent =
      r.from || r.to ? 'showing ' + (r.from || 'the start') + ' to ' + (r.to || 'now') : 'nothing graded yet';
    var results = await Promise.all([
      api.getJson(api.withQuery('/duplicates', r)),
      api.getJson(api.withQuery('/runs', Object.assign({ limit: 5000 }, r))),
      api.getJson(api.withQuery('/validation', { limit: 50 })),
    ]);
    drawHitRate(w.daily);
    drawDuplicates(results[0]);
    drawContention(results[1].runs);
    drawValidation(results[2]);
    var date = fillDates(results[1].runs);
    if (date) await loadTimeline(date);
    else drawTimeline([]);
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    document.body.dataset.state = 'ready';
  }

  function setUpRange() {
    var form = document.getElementById('range');
    var r = range();
    form.elements.from.value = r.from;
    form.elements.to.value = r.to;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var query = api.withQuery('', { from: form.elements.from.value, to: form.elements.to.value });
      history.replaceState(null, '', window.location.pathname + query);
      load().catch(showError);
    });
    document.getElementById('timeline-date').addEventListener('change', function (event) {
      loadTimeline(event.target.value).catch(showError);
    });
  }

  setUpRange();
  load().catch(showError);
})();
`;
