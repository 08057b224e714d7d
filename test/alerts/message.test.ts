/**
 * Alert messages: the plain-text fallback and the blocks carry the event, table, dates, counts,
 * top keys (counts, graded_at values, run ids), run ids and the command to run next, within
 * Slack's size limits.
 */
import { describe, expect, it } from 'vitest';
import { alertMessage, resolvedMessage } from '../../src/alerts/message.js';
import type { AlertRequest } from '../../src/alerts/sink.js';

const key = (i: number) => ({
  playerLookup: `player_${i}`,
  gameId: '20260305_BOS_NYK',
  systemId: 'sys_a',
  lineValue: i % 2 ? null : 20.5,
  gameDate: '2026-03-05',
  count: 2,
  gradedAt: ['2026-03-06T08:00:00.000Z', '2026-03-06T08:00:01.000Z'],
  runIds: ['run-a', i % 2 ? null : 'run-b'],
});

const DUPLICATES: AlertRequest = {
  event: 'duplicates_after_write',
  table: 'prediction_accuracy',
  scope: '2026-03-05',
  severity: 20,
  title: '20 duplicate business keys in prediction_accuracy on 2026-03-05',
  details: {
    runId: 'run-c',
    validationId: 'v-1',
    duplicateKeys: 20,
    duplicateRows: 21,
    top: Array.from({ length: 20 }, (_, i) => key(i)),
  },
  nextCommand: 'propgrade dedupe --from 2026-03-05 --to 2026-03-05',
};

type Block = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
};
const blockText = (b: Block) =>
  [
    b.text?.text,
    ...(b.fields ?? []).map((f) => f.text),
    ...(b.elements ?? []).map((e) => e.text),
  ].join('\n');

describe('alertMessage', () => {
  const message = alertMessage(DUPLICATES, 'new');

  it('the fallback text gives event, table, dates, counts, every top key, run ids and the next command', () => {
    for (const fact of [
      'duplicates_after_write',
      'prediction_accuracy',
      '2026-03-05',
      'duplicateKeys 20',
      'duplicateRows 21',
      'player_0 / 20260305_BOS_NYK / sys_a / 20.5 ×2',
      'player_19 / 20260305_BOS_NYK / sys_a / no line ×2',
      'graded_at 2026-03-06T08:00:00.000Z, 2026-03-06T08:00:01.000Z',
      'runs run-a, none',
      'Runs: run-c, run-a, run-b',
      'Next: propgrade dedupe --from 2026-03-05 --to 2026-03-05',
    ])
      expect(message.text).toContain(fact);
  });

  it('the blocks carry the same facts within Slack limits', () => {
    const blocks = message.blocks as Block[];
    expect(blocks[0]).toMatchObject({ type: 'header' });
    const all = blocks.map(blockText).join('\n');
    for (const fact of [
      'player_19',
      'duplicateKeys 20',
      'run-b',
      'propgrade dedupe --from 2026-03-05',
    ])
      expect(all).toContain(fact);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks)
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });

  it('an escalation says so; a daily check lists its non-ok checks with their commands', () => {
    expect(alertMessage(DUPLICATES, 'escalation').text.split('\n')[0]).toContain('WORSE');
    const daily = alertMessage(
      {
        ...DUPLICATES,
        event: 'daily_check',
        details: {
          criticalChecks: 1,
          checks: [
            {
              name: 'freshness',
              status: 'critical',
              count: 2,
              summary: '2 behind',
              nextCommand: 'propgrade ingest actuals FILE',
            },
          ],
        },
      },
      'new',
    );
    expect(daily.text).toContain(
      'freshness CRITICAL (2): 2 behind → propgrade ingest actuals FILE',
    );
  });
});

describe('resolvedMessage', () => {
  it('names the fingerprint that is fixed', () => {
    const text = resolvedMessage(
      'daily_check',
      'prediction_accuracy',
      '2026-03-01..2026-03-07',
      null,
    ).text;
    expect(text).toContain(
      'Resolved: daily_check on prediction_accuracy for 2026-03-01..2026-03-07',
    );
  });
});
