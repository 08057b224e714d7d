/**
 * Versions streamed in (game, player, system) order, cut into whole triples: source selection
 * then needs memory for one triple at a time instead of one group per triple of the date.
 */
import { InternalError } from '../errors.js';
import { compareCodePoints } from './keys.js';
import type { PredictionVersion } from './types.js';

type Triple = Pick<PredictionVersion, 'gameId' | 'playerLookup' | 'systemId'>;

/** Byte order of (game, player, system): the order the stores stream versions in. */
export function compareTriples(a: Triple, b: Triple): number {
  return (
    compareCodePoints(a.gameId, b.gameId) ||
    compareCodePoints(a.playerLookup, b.playerLookup) ||
    compareCodePoints(a.systemId, b.systemId)
  );
}

/**
 * Cuts batches of versions into runs of one triple each. Batches may split a triple anywhere;
 * a triple that comes back after another began is an InternalError (the store broke its order),
 * never a silent second group.
 */
export class TripleRuns {
  private carry: PredictionVersion[] = [];

  /** The whole triples completed by this batch (the last triple waits for the next batch). */
  *push(batch: readonly PredictionVersion[]): Generator<PredictionVersion[]> {
    for (const version of batch) {
      const current = this.carry[0];
      if (current !== undefined) {
        const order = compareTriples(current, version);
        if (order > 0) throw outOfOrder(current, version);
        if (order < 0) {
          yield this.carry;
          this.carry = [];
        }
      }
      this.carry.push(version);
    }
  }

  /** The last triple, once the stream has ended. */
  *end(): Generator<PredictionVersion[]> {
    if (this.carry.length > 0) yield this.carry;
    this.carry = [];
  }
}

function outOfOrder(before: Triple, after: Triple): InternalError {
  const name = (t: Triple) => `(${t.gameId}, ${t.playerLookup}, ${t.systemId})`;
  return new InternalError(
    `prediction versions arrived out of (game, player, system) order: ${name(after)} after ${name(before)}`,
  );
}
