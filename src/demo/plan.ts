/**
 * Which player-games of a date get which special treatment. Every date gets a few of each kind
 * for sure (so a week-long slate exercises every grading rule), plus a sprinkle at random.
 */
import { INJURY_STATUSES, type InjuryStatus } from '../domain/types.js';
import { DNP_STYLES, type PairFeature } from './outcomes.js';
import type { SeededRandom } from './random.js';

const DNP_STATUSES: readonly (InjuryStatus | null)[] = [...INJURY_STATUSES, null];

/** Every (injury status, spelling) combination of a did-not-play, in a fixed cycle. */
export const DNP_KINDS: readonly Extract<PairFeature, { kind: 'dnp' }>[] = DNP_STYLES.flatMap(
  (style) => DNP_STATUSES.map((injuryStatus) => ({ kind: 'dnp' as const, style, injuryStatus })),
);

/**
 * DNP kinds of a date: consecutive members of the cycle starting at `3 × dayNumber`, so any four
 * consecutive dates (at least three DNPs each) cover all ten kinds.
 */
function dnpKindsOfDay(dayNumber: number, count: number): PairFeature[] {
  const kinds: PairFeature[] = [];
  for (let i = 0; i < count; i++) kinds.push(DNP_KINDS[(3 * dayNumber + i) % DNP_KINDS.length]!);
  return kinds;
}

function guaranteedFeatures(dayNumber: number, random: SeededRandom): PairFeature[] {
  const repeat = (feature: PairFeature, count: number) =>
    Array.from({ length: count }, () => feature);
  return [
    ...dnpKindsOfDay(dayNumber, random.int(3, 6)),
    ...repeat({ kind: 'no_line' }, random.int(1, 3)),
    ...repeat({ kind: 'moved_line' }, random.int(1, 2)),
    ...repeat({ kind: 'push' }, random.int(1, 2)),
    { kind: 'missing_actual' },
  ];
}

function randomFeature(random: SeededRandom): PairFeature {
  const draw = random.next();
  if (draw < 0.01) return random.pick(DNP_KINDS);
  if (draw < 0.03) return { kind: 'no_line' };
  if (draw < 0.05) return { kind: 'moved_line' };
  return { kind: 'plain' };
}

/**
 * Features for `pairCount` player-games of one date. Pairs whose index is in `reserved` (the game
 * that may be postponed) never receive a guaranteed feature, only random ones.
 */
export function planPairFeatures(
  pairCount: number,
  reserved: ReadonlySet<number>,
  dayNumber: number,
  random: SeededRandom,
): PairFeature[] {
  const features = Array.from({ length: pairCount }, () => randomFeature(random));
  const eligible = random.shuffle(
    Array.from({ length: pairCount }, (_, i) => i).filter((i) => !reserved.has(i)),
  );
  guaranteedFeatures(dayNumber, random).forEach((feature, i) => {
    const index = eligible[i];
    if (index !== undefined) features[index] = feature;
  });
  return features;
}
