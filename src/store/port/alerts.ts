/** Alerts and the daily check (validate; src/store/<backend>/alerts.ts and checks.ts). */
import type { IsoDate, IsoTimestamp } from '../../domain/types.js';
import type { DateRange } from './core.js';

/**
 * Stored alert outcomes: `sending` (decided, delivery in flight), `sent`, `suppressed`, `failed`,
 * `resolved`, and `logged` (no webhook configured: logged and stored only).
 */
export const ALERT_OUTCOMES = [
  'sending',
  'sent',
  'suppressed',
  'failed',
  'resolved',
  'logged',
] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

/** An alert record before the store gives it an id and a time. */
export interface NewAlert {
  event: string;
  /** `<event>:<table>:<scope>`. */
  fingerprint: string;
  tableName: string;
  /** A date, or a window `from..to`. */
  scope: string;
  severity: number;
  /** What escalation compares: a count per measure (per critical check, or per event). */
  measures: Record<string, number>;
  outcome: AlertOutcome;
  attempts: number;
  /** The plain-text message (never the webhook URL). */
  message: string;
  error: string | null;
}

/** A stored alert. */
export interface AlertRecord extends NewAlert {
  alertId: string;
  createdAt: IsoTimestamp;
}

/** What the suppression rules need to know about one fingerprint. */
export interface AlertHistory {
  /** The fingerprint's newest record of any outcome, or null. */
  latest: AlertRecord | null;
  /** Its newest `sent`, `sending` or `logged` record after its newest `resolved` one, or null. */
  lastNotified: AlertRecord | null;
}

/** Picks the record to store from a fingerprint's history and the store clock; null stores nothing. */
export type AlertDecision = (history: AlertHistory, now: IsoTimestamp) => NewAlert | null;

/** Which alerts to list (newest first); `limit` defaults to 100. */
export interface AlertFilter {
  fingerprint?: string;
  limit?: number;
}

/** Per (date, game) with selected predictions or actual rows: the counts the daily check needs. */
export interface GameFacts {
  gameDate: IsoDate;
  gameId: string;
  /** Versions with is_active (the selected predictions). */
  activePredictions: number;
  actualRows: number;
  /** Actual rows whose game_status is `postponed`. */
  postponedRows: number;
}

/** One (player, game, system) with more than one active version. */
export interface ActiveDuplicate {
  gameDate: IsoDate;
  gameId: string;
  playerLookup: string;
  systemId: string;
  count: number;
  predictionIds: string[];
}

/** Triples with more than one active version, and the top ones by count. */
export interface ActiveDuplicateSummary {
  triples: number;
  top: ActiveDuplicate[];
}

/** Alerts and the daily check — the port's methods. */
export interface AlertStore {
  /**
   * In one transaction serialised per fingerprint: read the fingerprint's history, let `decide`
   * pick the record to store (pure, synchronous), insert it. Two processes raising the same
   * fingerprint at once therefore never both decide to send.
   */
  decideAlert(fingerprint: string, decide: AlertDecision): Promise<AlertRecord | null>;
  /** Record a delivery's result on a stored alert. */
  updateAlert(
    alertId: string,
    patch: { outcome: AlertOutcome; attempts: number; error: string | null },
  ): Promise<void>;
  /** Stored alerts, newest first. */
  listAlerts(filter?: AlertFilter): Promise<AlertRecord[]>;
  /** Per (date, game) of the range: selected predictions, actual rows, postponed rows. */
  gameFacts(range: DateRange): Promise<GameFacts[]>;
  /** Rows of prediction_accuracy per date of the range (dates without rows are absent). */
  gradedRowCounts(range: DateRange): Promise<Map<IsoDate, number>>;
  /** The newest `limit` dates before `before` that have predictions, newest first. */
  predictionDatesBefore(before: IsoDate, limit: number): Promise<IsoDate[]>;
  /** Triples of the range with more than one active version. */
  activeDuplicates(range: DateRange, top?: number): Promise<ActiveDuplicateSummary>;
}
