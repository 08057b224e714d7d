import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../src/domain/keys.js';
import { SourceSelector } from '../../src/domain/selection.js';
import { TripleRuns } from '../../src/domain/triple-runs.js';
import type { PredictionVersion } from '../../src/domain/types.js';
import { InternalError } from '../../src/errors.js';
import { at, prediction } from './builders.js';

const v = (playerLookup: string, predictionId: string, systemId = 'sys_a') =>
  prediction({ playerLookup, predictionId, systemId });

function cut(batches: PredictionVersion[][]): string[][] {
  const runs = new TripleRuns();
  const out: string[][] = [];
  for (const batch of batches) for (const run of runs.push(batch)) out.push(ids(run));
  for (const run of runs.end()) out.push(ids(run));
  return out;
}

const ids = (versions: readonly PredictionVersion[]) => versions.map((x) => x.predictionId);

describe('TripleRuns', () => {
  it('cuts ordered batches into whole triples wherever the batches split them', () => {
    const a = [v('a', '1'), v('a', '2'), v('a', '3', 'sys_b')];
    const b = [v('b', '4'), v('b', '5'), v('c', '6')];
    expect(cut([a, b])).toEqual([['1', '2'], ['3'], ['4', '5'], ['6']]);
    expect(cut([[...a, ...b].slice(0, 1), [...a, ...b].slice(1)])).toEqual(cut([a, b]));
    expect(cut([[], a.slice(0, 2), [], a.slice(2)])).toEqual([['1', '2'], ['3']]);
  });

  it('throws InternalError when a triple comes back after another began (control: ordered passes)', () => {
    expect(() => cut([[v('a', '1'), v('b', '2'), v('a', '3')]])).toThrow(InternalError);
    expect(() => cut([[v('b', '2')], [v('a', '1')]])).toThrow(
      /out of \(game, player, system\) order/,
    );
    expect(cut([[v('a', '1'), v('b', '2')]])).toEqual([['1'], ['2']]);
  });
});

describe('compareCodePoints', () => {
  it('orders text as UTF-8 bytes do, surrogate pairs included', () => {
    const words = ['a', 'B', 'é', '😀', '\uffef', 'ab', '', 'a😀', 'a\uffef', 'Z'];
    const bytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareCodePoints)).toEqual(bytes);
    expect([...words].sort()).not.toEqual(bytes);
  });
});

describe('SourceSelector.selectTriple', () => {
  it('selects as add + drain does, in both line modes, and leaves the selector empty', () => {
    const triple = [
      prediction({ predictionId: 'old', createdAt: at('10:00') }),
      prediction({ predictionId: 'moved', lineValue: 21.5, createdAt: at('11:00') }),
      prediction({ predictionId: 'new', createdAt: at('12:00') }),
      prediction({ predictionId: 'late', createdAt: at('20:00') }),
      prediction({ predictionId: 'gone', isWithdrawn: true, createdAt: at('13:00') }),
    ];
    for (const lines of ['latest', 'all'] as const) {
      const starts = new Map([['g1', at('19:00')]]);
      const reference = new SourceSelector(starts, lines);
      reference.add(triple);
      const selector = new SourceSelector(starts, lines);
      expect(selector.selectTriple(triple)).toEqual(reference.drain());
      expect(selector.result().selected).toEqual([]);
    }
  });
});
