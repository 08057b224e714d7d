/**
 * Reading an alert's details for people: counts, the top keys (with counts, graded_at values and
 * run ids), the checks of a daily check, run ids and the error. Details are the JSON the write
 * path and the daily check put in an AlertRequest; unknown shapes are skipped, never thrown on.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

/** Every numeric top-level detail, `name value`. */
export function countsOf(details: Obj): string[] {
  return Object.entries(details)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${v}`);
}

function keyLine(k: Obj): string {
  const line = k.lineValue === null || k.lineValue === undefined ? 'no line' : String(k.lineValue);
  const key = [k.gameDate, k.playerLookup, k.gameId, k.systemId, line].filter(Boolean).join(' / ');
  const parts = [`${key} ×${k.count}`];
  if (Array.isArray(k.gradedAt)) parts.push(`graded_at ${strings(k.gradedAt).join(', ')}`);
  if (Array.isArray(k.runIds)) parts.push(`runs ${k.runIds.map((r) => r ?? 'none').join(', ')}`);
  if (Array.isArray(k.predictionIds)) parts.push(`versions ${strings(k.predictionIds).join(', ')}`);
  return parts.join(' · ');
}

/** One line per top key (a duplicate key of prediction_accuracy, or an active duplicate triple). */
export function topKeysOf(details: Obj): string[] {
  return Array.isArray(details.top) ? details.top.filter(isObj).map(keyLine) : [];
}

/** One line per check that is not ok (daily check), with its own next command when it has one. */
export function checksOf(details: Obj): string[] {
  if (!Array.isArray(details.checks)) return [];
  return details.checks
    .filter(isObj)
    .filter((c) => c.status !== 'ok')
    .map((c) => {
      const next = typeof c.nextCommand === 'string' ? ` → ${c.nextCommand}` : '';
      const summary = typeof c.summary === 'string' ? `: ${c.summary}` : '';
      return `${c.name} ${String(c.status).toUpperCase()} (${c.count})${summary}${next}`;
    });
}

/** Distinct run ids named anywhere in the details (runId, runIds, the top keys' runIds). */
export function runIdsOf(details: Obj): string[] {
  const ids = [
    ...(typeof details.runId === 'string' ? [details.runId] : []),
    ...strings(details.runIds),
    ...(Array.isArray(details.top)
      ? details.top.filter(isObj).flatMap((k) => strings(k.runIds))
      : []),
  ].filter((id) => id !== 'null');
  return [...new Set(ids)];
}

/** The error text, when the details carry one. */
export function errorOf(details: Obj): string | null {
  return typeof details.error === 'string' && details.error !== '' ? details.error : null;
}
