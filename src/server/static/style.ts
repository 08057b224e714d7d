/** The dashboard's stylesheet (served at `/static/dashboard.css`). */

/** A light, dense layout: a grid of cards, charts with fixed heights. */
export const DASHBOARD_CSS = `:root {
  --ink: #0f172a;
  --muted: #64748b;
  --line: #e2e8f0;
  --card: #ffffff;
  --page: #f1f5f9;
  --ok: #15803d;
  --warning: #b45309;
  --critical: #b91c1c;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--page); }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; padding: 16px 24px; background: #0f172a; color: #f8fafc; }
header h1 { margin: 0; font-size: 20px; letter-spacing: 0.02em; }
header .subtitle { margin: 0; color: #cbd5e1; }
.range { margin-left: auto; display: flex; gap: 8px; align-items: center; }
.range input, .range button { font: inherit; padding: 2px 6px; border-radius: 4px; border: 1px solid #475569; }
.range button { background: #2563eb; color: #fff; border-color: #2563eb; cursor: pointer; }
.range .muted { color: #cbd5e1; }
.banner { margin: 12px 24px 0; padding: 10px 14px; border-radius: 6px; background: #fee2e2; color: var(--critical); border: 1px solid #fecaca; }
main { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; padding: 16px 24px 32px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.card h2 { margin: 0 0 2px; font-size: 15px; display: flex; align-items: center; gap: 10px; }
.card select { font: inherit; font-weight: normal; }
.muted { color: var(--muted); margin: 0 0 8px; font-size: 12px; }
.chart { position: relative; height: 280px; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
.status { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.status.ok { background: #dcfce7; color: var(--ok); }
.status.warning { background: #fef3c7; color: var(--warning); }
.status.critical { background: #fee2e2; color: var(--critical); }
.empty { color: var(--muted); font-style: italic; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
`;
