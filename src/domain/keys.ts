/**
 * Key and ordering helpers shared by the domain modules. Every key here is NULL-safe on the line:
 * two rows whose `lineValue` are both NULL have the same key.
 */
import type { IsoTimestamp, PredictionVersion } from './types.js';

/** A collision-free map key for a tuple of identifiers (JSON keeps separators unambiguous). */
export function compositeKey(...parts: readonly string[]): string {
  return JSON.stringify(parts);
}

/** The line part of a business key: `'NULL'` for no line, else the number's shortest text. */
export function lineKey(lineValue: number | null): string {
  return lineValue === null ? 'NULL' : String(lineValue);
}

/** Key of (player, game, system): the group source selection keeps one version of. */
export function tripleKey(
  p: Pick<PredictionVersion, 'playerLookup' | 'gameId' | 'systemId'>,
): string {
  return compositeKey(p.playerLookup, p.gameId, p.systemId);
}

/** Key of (player, game, system, line), NULL-safe on the line: the graded table's business key. */
export function businessKey(
  p: Pick<PredictionVersion, 'playerLookup' | 'gameId' | 'systemId' | 'lineValue'>,
): string {
  return compositeKey(p.playerLookup, p.gameId, p.systemId, lineKey(p.lineValue));
}

/** Key of (player, game): the key of an actual row. */
export function playerGameKey(playerLookup: string, gameId: string): string {
  return compositeKey(playerLookup, gameId);
}

/** Code-unit string order (locale-independent, so every machine sorts alike). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Milliseconds since the epoch of a timestamp (throws on text that is not one). */
export function timestampMs(ts: IsoTimestamp): number {
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) throw new TypeError(`not a timestamp: ${ts}`);
  return ms;
}

/** Order of lines with NULL first, then ascending. */
export function compareLines(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

/** The deterministic order of selected predictions and graded rows: game, player, system, line. */
export function compareByBusinessKey(
  a: Pick<PredictionVersion, 'playerLookup' | 'gameId' | 'systemId' | 'lineValue'>,
  b: Pick<PredictionVersion, 'playerLookup' | 'gameId' | 'systemId' | 'lineValue'>,
): number {
  return (
    compareText(a.gameId, b.gameId) ||
    compareText(a.playerLookup, b.playerLookup) ||
    compareText(a.systemId, b.systemId) ||
    compareLines(a.lineValue, b.lineValue)
  );
}

/** Remaps a UTF-16 code unit so that code-unit order equals code-point (UTF-8 byte) order. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Code-point order, which is UTF-8 byte order: how SQLite BINARY and PostgreSQL "C" sort text. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
