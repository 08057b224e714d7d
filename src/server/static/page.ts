/**
 * The dashboard's HTML page (served at `/`). Kept as a string module so that `tsc` puts it in
 * `dist/` with the rest of the server: no copy step, no path to resolve at run time.
 */

/** The page. Scripts load in order: Chart.js (UMD), the API client, the transforms, the page. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>propgrade dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/dashboard.css">
</head>
<body data-state="loading">
<header>
  <h1>propgrade</h1>
  <p class="subtitle">grading runs, accuracy and data quality</p>
  <form id="range" class="range">
    <label>from <input type="date" name="from"></label>
    <label>to <input type="date" name="to"></label>
    <button type="submit">Apply</button>
    <span id="window" class="muted"></span>
    <span id="updated" class="muted"></span>
  </form>
</header>
<div id="banner" class="banner" hidden></div>
<main>
  <section class="card wide">
    <h2>Hit rate per system</h2>
    <p class="muted">correct / (correct + incorrect) per game date; pushes, voids and PASS excluded</p>
    <div class="chart"><canvas id="chart-hit-rate" aria-label="hit rate per system over time"></canvas></div>
  </section>
  <section class="card">
    <h2>Duplicate keys by date</h2>
    <p class="muted">NULL-safe business keys with more than one graded row: <strong id="duplicates-summary"></strong></p>
    <div class="chart"><canvas id="chart-duplicates" aria-label="duplicate keys by date"></canvas></div>
  </section>
  <section class="card">
    <h2>Lock contention by date</h2>
    <p class="muted">attempts, attempts that waited for the lease, lock timeouts, total wait</p>
    <div class="chart"><canvas id="chart-contention" aria-label="lock contention by date"></canvas></div>
  </section>
  <section class="card wide">
    <h2>Run timeline <select id="timeline-date" aria-label="game date"></select></h2>
    <p class="muted">per run: waiting for the lease, then holding it; overlapping holds in red</p>
    <div class="chart" id="timeline-box"><canvas id="chart-timeline" aria-label="run timeline"></canvas></div>
  </section>
  <section class="card wide">
    <h2>Latest validation checks</h2>
    <div id="validation"><p class="muted">loading…</p></div>
  </section>
</main>
<script src="/static/chart.umd.js"></script>
<script src="/static/api.js"></script>
<script src="/static/transforms.js"></script>
<script src="/static/dashboard.js"></script>
</body>
</html>
`;
