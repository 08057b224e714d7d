/**
 * Alert messages: Block Kit blocks plus a plain-text fallback carrying the same facts — event,
 * table, dates, counts, top keys, run ids, and the exact command to run next.
 */
import type { IncomingWebhookSendArguments } from '@slack/webhook';
import type { AlertRecord } from '../store/store.js';
import { checksOf, countsOf, errorOf, runIdsOf, topKeysOf } from './message-parts.js';
import type { RaiseKind } from './policy.js';
import type { AlertRequest } from './sink.js';

type Block = NonNullable<IncomingWebhookSendArguments['blocks']>[number];

/** What goes to Slack. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack's limits: header text, section text, blocks per message. */
const LIMITS = { header: 150, section: 2900, blocks: 45 } as const;

const PREFIX: Record<RaiseKind, string> = {
  new: '🔴 ',
  escalation: '🔴 WORSE: ',
  repeat: '🔴 Still open: ',
};

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, LIMITS.section) },
});

/** Lines packed into as few sections as the size limit allows. */
function packed(title: string, lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current = `*${title}*`;
  for (const line of lines) {
    if (current.length + line.length + 1 > LIMITS.section) {
      blocks.push(section(current));
      current = '';
    }
    current += `\n${line}`;
  }
  blocks.push(section(current));
  return blocks;
}

interface Facts {
  headline: string;
  fields: [string, string][];
  lists: [string, string[]][];
  runIds: string[];
  next: string | null;
}

function factsOf(alert: AlertRequest, kind: RaiseKind): Facts {
  const error = errorOf(alert.details);
  return {
    headline: `${PREFIX[kind]}${alert.title}`,
    fields: [
      ['Event', alert.event],
      ['Table', alert.table],
      ['Dates', alert.scope],
      ['Counts', countsOf(alert.details).join(' · ') || '—'],
    ],
    lists: [
      ['Checks', checksOf(alert.details)],
      ['Top keys', topKeysOf(alert.details)],
      ['Error', error ? [error] : []],
    ],
    runIds: runIdsOf(alert.details),
    next: alert.nextCommand,
  };
}

function plainText(f: Facts): string {
  const lines = [f.headline, ...f.fields.map(([k, v]) => `${k}: ${v}`)];
  for (const [title, items] of f.lists)
    if (items.length) lines.push(`${title}:`, ...items.map((i) => `  ${i}`));
  if (f.runIds.length) lines.push(`Runs: ${f.runIds.join(', ')}`);
  if (f.next) lines.push(`Next: ${f.next}`);
  return lines.join('\n');
}

function blocksOf(f: Facts): Block[] {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(f.headline, LIMITS.header) } },
    {
      type: 'section',
      fields: f.fields.map(([k, v]) => ({ type: 'mrkdwn', text: clip(`*${k}*\n${v}`, 1900) })),
    },
  ];
  for (const [title, items] of f.lists) if (items.length) blocks.push(...packed(title, items));
  if (f.runIds.length)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: clip(`Runs: ${f.runIds.join(', ')}`, LIMITS.section) }],
    });
  if (f.next) blocks.push(section(`*Next:* \`${f.next}\``));
  return blocks.slice(0, LIMITS.blocks);
}

/** The message of a raised alert. */
export function alertMessage(alert: AlertRequest, kind: RaiseKind): SlackMessage {
  const facts = factsOf(alert, kind);
  return { text: plainText(facts), blocks: blocksOf(facts) };
}

/** The one message saying a fingerprint is fixed. */
export function resolvedMessage(
  event: string,
  table: string,
  scope: string,
  previous: AlertRecord | null,
): SlackMessage {
  const facts: Facts = {
    headline: `✅ Resolved: ${event} on ${table} for ${scope}`,
    fields: [
      ['Event', event],
      ['Table', table],
      ['Dates', scope],
      ['Was', previous ? `${previous.outcome} at ${previous.createdAt}` : '—'],
    ],
    lists: [],
    runIds: [],
    next: null,
  };
  return { text: plainText(facts), blocks: blocksOf(facts) };
}
