import { describe, expect, it } from 'vitest';
import {
  activeVersionIds,
  gameStartsFrom,
  type SelectionResult,
  SourceSelector,
} from '../../src/domain/selection.js';
import type { LineMode, PredictionVersion } from '../../src/domain/types.js';
import { actual, at, prediction } from './builders.js';

function select(
  versions: PredictionVersion[],
  lines: LineMode = 'latest',
  starts: ReadonlyMap<string, string> = new Map(),
): SelectionResult {
  const selector = new SourceSelector(starts, lines);
  selector.add(versions);
  return selector.result();
}

function ids(result: SelectionResult): string[] {
  return result.selected.map((v) => v.predictionId);
}

describe('gameStartsFrom', () => {
  it('takes the earliest non-null game_start_at per game', () => {
    const starts = gameStartsFrom([
      actual({ playerLookup: 'a', gameStartAt: at('19:30') }),
      actual({ playerLookup: 'b', gameStartAt: null }),
      actual({ playerLookup: 'c', gameStartAt: at('19:00') }),
      actual({ gameId: 'g2', gameStartAt: null }),
    ]);
    expect([...starts]).toEqual([['g1', at('19:00')]]);
  });
});

interface SelectionCase {
  name: string;
  versions: PredictionVersion[];
  lines?: LineMode;
  starts?: Map<string, string>;
  selected: string[];
  duplicates: number;
  superseded: number;
  late: number;
}

const start19 = new Map([['g1', at('19:00')]]);

const cases: SelectionCase[] = [
  {
    name: 'a single version is selected',
    versions: [prediction({ predictionId: 'only' })],
    selected: ['only'],
    duplicates: 0,
    superseded: 0,
    late: 0,
  },
  {
    name: 'a stale version of the same key is a source duplicate, in either order',
    versions: [
      prediction({ predictionId: 'new', createdAt: at('16:00') }),
      prediction({ predictionId: 'old', createdAt: at('12:00') }),
    ],
    selected: ['new'],
    duplicates: 1,
    superseded: 0,
    late: 0,
  },
  {
    name: 'withdrawn versions are never selected and never counted',
    versions: [
      prediction({ predictionId: 'kept', createdAt: at('12:00') }),
      prediction({ predictionId: 'gone', createdAt: at('16:00'), isWithdrawn: true }),
      prediction({ predictionId: 'gone-late', createdAt: at('20:00'), isWithdrawn: true }),
    ],
    starts: start19,
    selected: ['kept'],
    duplicates: 0,
    superseded: 0,
    late: 0,
  },
  {
    name: 'a triple whose only version is withdrawn selects nothing',
    versions: [prediction({ predictionId: 'gone', isWithdrawn: true })],
    selected: [],
    duplicates: 0,
    superseded: 0,
    late: 0,
  },
  {
    name: 'a version created after the game start is late; exactly at the start is on time',
    versions: [
      prediction({ predictionId: 'on-time', createdAt: at('19:00') }),
      prediction({ predictionId: 'late', createdAt: '2026-03-05T19:00:00.001Z' }),
      prediction({ predictionId: 'earlier', createdAt: at('18:00') }),
    ],
    starts: start19,
    selected: ['on-time'],
    duplicates: 1,
    superseded: 0,
    late: 1,
  },
  {
    name: 'late versions of a line do not count as superseded',
    versions: [
      prediction({ predictionId: 'a', lineValue: 20.5, createdAt: at('18:00') }),
      prediction({ predictionId: 'b', lineValue: 21.5, createdAt: at('19:05') }),
      prediction({ predictionId: 'c', playerLookup: 'p2', createdAt: at('23:00') }),
    ],
    starts: start19,
    selected: ['a'],
    duplicates: 0,
    superseded: 0,
    late: 2,
  },
  {
    name: 'a game without a known start has no late versions',
    versions: [
      prediction({ predictionId: 'x', gameId: 'g2', createdAt: '2026-03-06T03:00:00.000Z' }),
    ],
    starts: start19,
    selected: ['x'],
    duplicates: 0,
    superseded: 0,
    late: 0,
  },
  {
    name: 'ties on createdAt go to the greatest prediction id',
    versions: [
      prediction({ predictionId: 'b', createdAt: at('16:00') }),
      prediction({ predictionId: 'c', createdAt: at('16:00') }),
      prediction({ predictionId: 'a', createdAt: at('16:00') }),
    ],
    selected: ['c'],
    duplicates: 2,
    superseded: 0,
    late: 0,
  },
  {
    name: 'other lines of the triple are superseded, same-line ones are duplicates',
    versions: [
      prediction({ predictionId: 'l28a', lineValue: 28.5, createdAt: at('14:00') }),
      prediction({ predictionId: 'l28b', lineValue: 28.5, createdAt: at('15:00') }),
      prediction({ predictionId: 'l27a', lineValue: 27.5, createdAt: at('16:00') }),
      prediction({ predictionId: 'l27b', lineValue: 27.5, createdAt: at('17:00') }),
    ],
    selected: ['l27b'],
    duplicates: 1,
    superseded: 2,
    late: 0,
  },
  {
    name: 'two NULL lines are the same business key (NULL-safe)',
    versions: [
      prediction({ predictionId: 'n1', lineValue: null, createdAt: at('14:00') }),
      prediction({ predictionId: 'n2', lineValue: null, createdAt: at('15:00') }),
    ],
    selected: ['n2'],
    duplicates: 1,
    superseded: 0,
    late: 0,
  },
  {
    name: 'a NULL line and a line of 0 are different keys',
    versions: [
      prediction({ predictionId: 'zero', lineValue: 0, createdAt: at('14:00') }),
      prediction({ predictionId: 'null', lineValue: null, createdAt: at('15:00') }),
    ],
    selected: ['null'],
    duplicates: 0,
    superseded: 1,
    late: 0,
  },
  {
    name: 'different systems, players and games are different triples',
    versions: [
      prediction({ predictionId: 's', systemId: 'sys_b' }),
      prediction({ predictionId: 'p', playerLookup: 'player2' }),
      prediction({ predictionId: 'g', gameId: 'g0' }),
      prediction({ predictionId: 'base' }),
    ],
    selected: ['g', 'base', 's', 'p'],
    duplicates: 0,
    superseded: 0,
    late: 0,
  },
  {
    name: "lines 'all' keeps the newest per business key; same-key others are duplicates",
    lines: 'all',
    versions: [
      prediction({ predictionId: 'l28a', lineValue: 28.5, createdAt: at('14:00') }),
      prediction({ predictionId: 'l28b', lineValue: 28.5, createdAt: at('15:00') }),
      prediction({ predictionId: 'l27', lineValue: 27.5, createdAt: at('16:00') }),
      prediction({ predictionId: 'nl', lineValue: null, createdAt: at('10:00') }),
      prediction({ predictionId: 'nl2', lineValue: null, createdAt: at('11:00') }),
    ],
    selected: ['nl2', 'l27', 'l28b'],
    duplicates: 2,
    superseded: 0,
    late: 0,
  },
];

describe('SourceSelector', () => {
  it.each(cases)('$name', (c) => {
    const result = select(c.versions, c.lines, c.starts);
    expect(ids(result)).toEqual(c.selected);
    expect(result.sourceDuplicatesDropped).toBe(c.duplicates);
    expect(result.supersededLines).toBe(c.superseded);
    expect(result.latePredictions).toBe(c.late);
  });

  it('sorts selected by game, player, system, then line with NULL first', () => {
    const result = select(
      [
        prediction({ predictionId: '5', gameId: 'g2', playerLookup: 'a' }),
        prediction({ predictionId: '4', playerLookup: 'b', systemId: 'sys_b' }),
        prediction({ predictionId: '3', playerLookup: 'b', systemId: 'sys_a', lineValue: 3 }),
        prediction({ predictionId: '2', playerLookup: 'b', systemId: 'sys_a', lineValue: null }),
        prediction({ predictionId: '1', playerLookup: 'a' }),
      ],
      'all',
    );
    expect(ids(result)).toEqual(['1', '2', '3', '4', '5']);
  });

  const stream = [
    prediction({ predictionId: 'a1', lineValue: 28.5, createdAt: at('14:00') }),
    prediction({ predictionId: 'a2', lineValue: 27.5, createdAt: at('17:00') }),
    prediction({ predictionId: 'a3', lineValue: 28.5, createdAt: at('15:00') }),
    prediction({ predictionId: 'a4', lineValue: 27.5, createdAt: at('16:00') }),
    prediction({ predictionId: 'b1', playerLookup: 'p2', createdAt: at('16:00') }),
    prediction({ predictionId: 'b2', playerLookup: 'p2', createdAt: at('19:30') }),
    prediction({
      predictionId: 'b3',
      playerLookup: 'p2',
      createdAt: at('18:00'),
      isWithdrawn: true,
    }),
    prediction({ predictionId: 'c1', playerLookup: 'p3', lineValue: null, createdAt: at('12:00') }),
    prediction({ predictionId: 'c2', playerLookup: 'p3', lineValue: null, createdAt: at('12:00') }),
  ];

  it.each(['latest', 'all'] as const)(
    'gives one result however batches are split (%s)',
    (lines) => {
      const whole = select(stream, lines, start19);
      for (const cut of [1, 2, 4, 7]) {
        const selector = new SourceSelector(start19, lines);
        selector.add(stream.slice(cut));
        selector.add([]);
        selector.add(stream.slice(0, cut));
        expect(selector.result()).toEqual(whole);
      }
      expect(whole.latePredictions).toBe(1);
    },
  );

  it('can report again after more batches arrive', () => {
    const selector = new SourceSelector(new Map(), 'latest');
    selector.add([prediction({ predictionId: 'old', createdAt: at('12:00') })]);
    expect(ids(selector.result())).toEqual(['old']);
    selector.add([prediction({ predictionId: 'new', lineValue: 30.5, createdAt: at('13:00') })]);
    const result = selector.result();
    expect(ids(result)).toEqual(['new']);
    expect(result.supersededLines).toBe(1);
  });

  it('accepts any generator as a batch', () => {
    function* batch() {
      yield prediction({ predictionId: 'g1' });
      yield prediction({ predictionId: 'g2', createdAt: at('13:00') });
    }
    const selector = new SourceSelector(new Map(), 'latest');
    selector.add(batch());
    expect(ids(selector.result())).toEqual(['g2']);
  });
});

describe('activeVersionIds', () => {
  it('marks at most one version per (player, game, system), on time and not withdrawn', () => {
    const active = activeVersionIds(
      [
        prediction({ predictionId: 'old', lineValue: 28.5, createdAt: at('14:00') }),
        prediction({ predictionId: 'new', lineValue: 27.5, createdAt: at('17:00') }),
        prediction({ predictionId: 'late', createdAt: at('20:00') }),
        prediction({ predictionId: 'withdrawn', createdAt: at('18:00'), isWithdrawn: true }),
        prediction({ predictionId: 'other', systemId: 'sys_b' }),
      ],
      start19,
    );
    expect([...active].sort()).toEqual(['new', 'other']);
  });
});
