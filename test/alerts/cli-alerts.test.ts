/**
 * Alerts through the CLI with a local stand-in for Slack and the real @slack/webhook client:
 * `validate` sends one message for a duplicated date, none for a re-check inside the window, an
 * escalation when it worsens, and one resolved message after the date is cleaned up. Delivery
 * failures (500, no answer, refused) end `failed`, stored, and change no exit code; the
 * webhook URL never appears in any output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, runCli, tempDir } from '../helpers/cli.js';
import { dropSqliteGuard } from '../helpers/guard.js';
import { withStore } from '../helpers/sqlite-db.js';
import { check, ok, validateJson } from '../pipeline/validate-fixtures.js';
import { csvSlice } from '../pipeline/validate-live-tables.js';
import {
  type Answer,
  refusedWebhookUrl,
  type SlackStandIn,
  startSlack,
  WEBHOOK_SECRET,
} from './slack-stand-in.js';

const DATE = '2026-03-05';
const FAST = { PROPGRADE_SLACK_BACKOFF_MS: '20', PROPGRADE_SLACK_TIMEOUT_MS: '300' };
const tmp = tempDir('propgrade-cli-alerts-');
afterAll(() => tmp.cleanup());
const outputs: string[] = [];

/** A graded example date whose guard is dropped, and its graded rows exported for re-import. */
async function setup(name: string): Promise<{ db: string; exported: string }> {
  const db = join(tmp.dir, `${name}.db`);
  for (const kind of ['actuals', 'predictions'])
    await ok(['ingest', kind, join(EXAMPLE_DIR, `${kind}.csv`), '--db', db]);
  await ok(['grade', '--date', DATE, '--db', db]);
  const exported = join(tmp.dir, `${name}.csv`);
  writeFileSync(
    exported,
    (await ok(['export', 'accuracy', '--from', DATE, '--to', DATE, '--db', db])).stdout,
  );
  dropSqliteGuard(db);
  return { db, exported };
}

async function duplicate(db: string, exported: string, from: number, to: number) {
  await ok([
    'import',
    'accuracy',
    csvSlice(exported, `${exported}.${from}-${to}.csv`, from, to),
    '--drop-guard',
    '--db',
    db,
  ]);
}

async function validateWith(db: string, url: string | null) {
  const env = url === null ? FAST : { ...FAST, PROPGRADE_SLACK_WEBHOOK_URL: url };
  const result = await validateJson(db, ['--date', DATE], env);
  outputs.push(JSON.stringify(result.report), result.stderr);
  return result;
}

describe('validate alerts through the CLI', () => {
  let slack: SlackStandIn;
  let db: string;
  let exported: string;
  beforeAll(async () => {
    slack = await startSlack();
    ({ db, exported } = await setup('flow'));
  });
  afterAll(() => slack.close());

  it('one message for a duplicated date, with its keys, run ids and the command to run next', async () => {
    await duplicate(db, exported, 0, 2);
    const first = await validateWith(db, slack.url);
    expect([first.code, first.report.alert?.outcome, slack.requests.length]).toEqual([
      1,
      'sent',
      1,
    ]);
    const text = slack.texts()[0]!;
    expect(text).toContain(`daily check ${DATE}..${DATE}: 1 critical (accuracy_duplicates)`);
    expect(text).toContain('accuracy_duplicates CRITICAL (2)');
    expect(text).toMatch(/×2 · graded_at \S+, \S+ · runs \S+, \S+/);
    expect(text).toContain(`Next: propgrade dedupe --from ${DATE} --to ${DATE}`);
    expect(slack.requests[0]!.body.blocks?.length).toBeGreaterThan(2);
  });

  it('none for a re-check inside the window', async () => {
    const again = await validateWith(db, slack.url);
    expect([again.code, again.report.alert?.outcome, slack.requests.length]).toEqual([
      1,
      'suppressed',
      1,
    ]);
  });

  it('an escalation when it worsens', async () => {
    await duplicate(db, exported, 2, 4);
    const worse = await validateWith(db, slack.url);
    expect(check(worse.report, 'accuracy_duplicates').count).toBe(4);
    expect([worse.code, worse.report.alert?.outcome, slack.requests.length]).toEqual([
      1,
      'sent',
      2,
    ]);
    expect(slack.texts()[1]).toMatch(/^🔴 WORSE: /);
  });

  it('one resolved message after the date is cleaned up, then silence', async () => {
    await ok(['grade', '--date', DATE, '--db', db]);
    const fixed = await validateWith(db, slack.url);
    expect([fixed.code, fixed.report.alert?.outcome, slack.requests.length]).toEqual([
      0,
      'resolved',
      3,
    ]);
    expect(slack.texts()[2]).toContain(
      `Resolved: daily_check on prediction_accuracy for ${DATE}..${DATE}`,
    );
    const quiet = await validateWith(db, slack.url);
    expect([quiet.code, quiet.report.alert, slack.requests.length]).toEqual([0, null, 3]);
    const outcomes = await withStore(db, (s) =>
      s.listAlerts({ fingerprint: `daily_check:prediction_accuracy:${DATE}..${DATE}` }),
    );
    expect(outcomes.map((a) => a.outcome).reverse()).toEqual([
      'sent',
      'suppressed',
      'sent',
      'resolved',
    ]);
  });
});

describe('delivery problems change no exit code', () => {
  let db: string;
  beforeAll(async () => {
    const made = await setup('failing');
    db = made.db;
    await duplicate(db, made.exported, 0, 1);
  });

  it.each<[string, (n: number) => Answer, number]>([
    ['a 500', () => ({ status: 500 }), 4],
    ['a server that never answers', () => 'hang', 4],
  ])('%s: failed after all attempts, stored, exit still 1', async (_name, answer, attempts) => {
    const slack = await startSlack(answer);
    try {
      const failed = await validateWith(db, slack.url);
      expect([failed.code, failed.report.alert?.outcome, failed.report.alert?.attempts]).toEqual([
        1,
        'failed',
        attempts,
      ]);
      expect(slack.requests).toHaveLength(attempts);
      const [stored] = await withStore(db, (s) => s.listAlerts({ limit: 1 }));
      expect(stored).toMatchObject({ outcome: 'failed', attempts });
    } finally {
      await slack.close();
    }
  });

  it('a refused connection: failed after 4 attempts, exit still 1', async () => {
    const failed = await validateWith(db, await refusedWebhookUrl());
    expect([failed.code, failed.report.alert?.outcome, failed.report.alert?.attempts]).toEqual([
      1,
      'failed',
      4,
    ]);
  });

  it('a write-path alert (lock backend unavailable) is delivered and grade still exits 4', async () => {
    const slack = await startSlack(() => ({ status: 500 }));
    try {
      const args = ['grade', '--date', DATE, '--db', db, '--lock', 'redis://127.0.0.1:1', '--json'];
      const withHook = await runCli(args, {
        env: { ...FAST, PROPGRADE_SLACK_WEBHOOK_URL: slack.url },
      });
      const without = await runCli(args, { env: FAST });
      outputs.push(without.stdout, without.stderr, withHook.stdout, withHook.stderr);
      expect([without.code, withHook.code]).toEqual([4, 4]);
      expect(slack.requests).toHaveLength(4);
      expect(slack.texts()[0]).toContain('lock_unavailable');
      expect(slack.texts()[0]).toContain(`Next: propgrade grade --date ${DATE}`);
    } finally {
      await slack.close();
    }
  });

  it('without a webhook: exit 1, logged and stored, and said once that none will be sent', async () => {
    const quiet = await validateWith(db, null);
    expect([quiet.code, quiet.report.alert?.outcome]).toEqual([1, 'logged']);
    expect(quiet.stderr.split('none will be sent').length - 1).toBe(1);
  });

  it('the webhook URL appears in no output and no stored alert', async () => {
    const stored = JSON.stringify(await withStore(db, (s) => s.listAlerts()));
    for (const text of [...outputs, stored]) expect(text).not.toContain(WEBHOOK_SECRET);
    expect(outputs.length).toBeGreaterThan(10);
  });
});
