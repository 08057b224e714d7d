/**
 * Source selection (SPEC 3.1 steps 1–2): which prediction version is graded for each
 * (player, game, system) — or each business key with `--lines all` — and why the others are not.
 * Incremental, so a stream of a million versions needs memory only per group, not per version.
 */
import {
  businessKey,
  compareByBusinessKey,
  compareText,
  lineKey,
  timestampMs,
  tripleKey,
} from './keys.js';
import type { ActualRow, IsoTimestamp, LineMode, PredictionVersion } from './types.js';

/** What source selection kept and the counts of what it set aside. */
export interface SelectionResult {
  /** The chosen versions, ordered by game, player, system, then line (NULL first). */
  selected: PredictionVersion[];
  /** Candidates not chosen that share the chosen version's business key (duplicate or stale). */
  sourceDuplicatesDropped: number;
  /** Candidates not chosen whose line differs from the chosen one's (intraday line movement). */
  supersededLines: number;
  /** Versions created after their game had started. */
  latePredictions: number;
}

/** Earliest non-null `gameStartAt` per game id: when each game is known to have started. */
export function gameStartsFrom(actuals: Iterable<ActualRow>): Map<string, IsoTimestamp> {
  const starts = new Map<string, IsoTimestamp>();
  for (const row of actuals) {
    if (row.gameStartAt === null) continue;
    const known = starts.get(row.gameId);
    if (known === undefined || timestampMs(row.gameStartAt) < timestampMs(known)) {
      starts.set(row.gameId, row.gameStartAt);
    }
  }
  return starts;
}

interface Candidate {
  version: PredictionVersion;
  createdMs: number;
}

interface Group {
  best: Candidate;
  /** Candidates seen per line key; their sum is the group's candidate count. */
  perLine: Map<string, number>;
  total: number;
}

/** True when `a` is newer than `b`: later createdAt, ties broken by the greater prediction id. */
function isNewer(a: Candidate, b: Candidate): boolean {
  if (a.createdMs !== b.createdMs) return a.createdMs > b.createdMs;
  return compareText(a.version.predictionId, b.version.predictionId) > 0;
}

/**
 * Picks the newest on-time, non-withdrawn version per group as batches arrive. Withdrawn versions
 * are ignored entirely (not counted); late ones are counted. Each version passed in is taken to
 * be a distinct version (the store already merged repeated deliveries).
 */
export class SourceSelector {
  private readonly groups = new Map<string, Group>();
  private readonly startMs = new Map<string, number>();
  private late = 0;

  /** `gameStarts` as built by {@link gameStartsFrom}; `lines` is the `--lines` mode. */
  constructor(
    gameStarts: ReadonlyMap<string, IsoTimestamp>,
    private readonly lines: LineMode,
  ) {
    for (const [gameId, start] of gameStarts) this.startMs.set(gameId, timestampMs(start));
  }

  /** Take in one batch of versions (any order; batches may be split anywhere). */
  add(versions: Iterable<PredictionVersion>): void {
    for (const version of versions) {
      const candidate = this.screen(version);
      if (candidate === null) continue;
      const v = candidate.version;
      this.offer(this.lines === 'latest' ? tripleKey(v) : businessKey(v), candidate);
    }
  }

  /**
   * Select among the versions of one (player, game, system) — the same rules as `add` then
   * `drain`, without building composite keys. The selector must be empty (drained) before.
   */
  selectTriple(versions: readonly PredictionVersion[]): SelectionResult {
    for (const version of versions) {
      const candidate = this.screen(version);
      if (candidate === null) continue;
      this.offer(this.lines === 'latest' ? '' : lineKey(version.lineValue), candidate);
    }
    return this.drain();
  }

  /** The version as a candidate, or null when withdrawn (ignored) or late (counted). */
  private screen(version: PredictionVersion): Candidate | null {
    if (version.isWithdrawn) return null;
    const candidate: Candidate = { version, createdMs: timestampMs(version.createdAt) };
    const start = this.startMs.get(version.gameId);
    if (start !== undefined && candidate.createdMs > start) {
      this.late += 1;
      return null;
    }
    return candidate;
  }

  private offer(key: string, candidate: Candidate): void {
    const line = lineKey(candidate.version.lineValue);
    const group = this.groups.get(key);
    if (group === undefined) {
      this.groups.set(key, { best: candidate, perLine: new Map([[line, 1]]), total: 1 });
      return;
    }
    group.perLine.set(line, (group.perLine.get(line) ?? 0) + 1);
    group.total += 1;
    if (isNewer(candidate, group.best)) group.best = candidate;
  }

  /** The selection so far, then forget it: the next batches start a fresh selection. */
  drain(): SelectionResult {
    const result = this.result();
    this.groups.clear();
    this.late = 0;
    return result;
  }

  /** The selection so far (may be called again after more batches). */
  result(): SelectionResult {
    const selected: PredictionVersion[] = [];
    let duplicates = 0;
    let superseded = 0;
    for (const group of this.groups.values()) {
      const sameKey = group.perLine.get(lineKey(group.best.version.lineValue)) ?? 1;
      duplicates += sameKey - 1;
      superseded += group.total - sameKey;
      selected.push(group.best.version);
    }
    selected.sort(compareByBusinessKey);
    return {
      selected,
      sourceDuplicatesDropped: duplicates,
      supersededLines: superseded,
      latePredictions: this.late,
    };
  }
}

/**
 * The prediction ids that are `is_active`: the version selection with `--lines latest` picks for
 * each (player, game, system) with what is known now — at most one per triple.
 */
export function activeVersionIds(
  versions: Iterable<PredictionVersion>,
  gameStarts: ReadonlyMap<string, IsoTimestamp>,
): Set<string> {
  const selector = new SourceSelector(gameStarts, 'latest');
  selector.add(versions);
  return new Set(selector.result().selected.map((v) => v.predictionId));
}
