/** Printing: exactly one JSON document on stdout with `--json`, tables otherwise. */
import Table from 'cli-table3';

/** Print a value as the command's one JSON document. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A rate as a percentage for people (storage and JSON keep fractions). */
export function percent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** A number for people, or a dash. */
export function num(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

/** Render rows as a table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) t.push(row.map(String));
  return t.toString();
}

/** Print a line of human output. */
export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}
