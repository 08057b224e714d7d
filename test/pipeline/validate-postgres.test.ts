/**
 * validate on PostgreSQL through the CLI: clean, then critical after graded rows are re-imported
 * with `import accuracy --drop-guard` (one Slack message to a local stand-in), then clean again
 * after a regrade (one resolved message). Unreachable PostgreSQL fails under CI=true, else skips.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlack } from '../alerts/slack-stand-in.js';
import { EXAMPLE_DIR, tempDir } from '../helpers/cli.js';
import { freshSchemaName, rawSql, requirePostgres, urlWithSchema } from '../store/pg-helpers.js';
import { check, ok, validateJson } from './validate-fixtures.js';
import { csvSlice } from './validate-live-tables.js';

const DATE = '2026-03-05';
const available = await requirePostgres('the PostgreSQL validate tests are');

describe.skipIf(!available)(
  available ? 'validate on PostgreSQL' : 'validate on PostgreSQL — SKIPPED: PostgreSQL unreachable',
  () => {
    const tmp = tempDir('propgrade-validate-pg-');
    const schema = freshSchemaName('validate_pg');
    const db = urlWithSchema(schema);
    let slack: SlackStandIn;
    const env = () => ({
      PROPGRADE_SLACK_WEBHOOK_URL: slack.url,
      PROPGRADE_SLACK_BACKOFF_MS: '20',
    });
    beforeAll(async () => {
      slack = await startSlack();
      for (const kind of ['actuals', 'predictions'])
        await ok(['ingest', kind, join(EXAMPLE_DIR, `${kind}.csv`), '--db', db]);
      await ok(['grade', '--date', DATE, '--db', db]);
    });
    afterAll(async () => {
      await slack.close();
      await rawSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      tmp.cleanup();
    });

    it('ok → critical after a re-import (one message) → ok after a regrade (one resolved message)', async () => {
      const clean = await validateJson(db, ['--date', DATE], env());
      expect([clean.code, clean.report.status]).toEqual([0, 'ok']);
      const exported = join(tmp.dir, 'graded.csv');
      writeFileSync(
        exported,
        (await ok(['export', 'accuracy', '--from', DATE, '--to', DATE, '--db', db])).stdout,
      );
      await ok([
        'import',
        'accuracy',
        csvSlice(exported, join(tmp.dir, 'two.csv'), 0, 2),
        '--drop-guard',
        '--db',
        db,
      ]);
      const broken = await validateJson(db, ['--date', DATE], env());
      expect([broken.code, check(broken.report, 'accuracy_duplicates').count]).toEqual([1, 2]);
      expect(check(broken.report, 'unique_guard').status).toBe('warning');
      expect((await validateJson(db, ['--date', DATE], env())).report.alert?.outcome).toBe(
        'suppressed',
      );
      await ok(['grade', '--date', DATE, '--db', db]);
      const fixed = await validateJson(db, ['--date', DATE], env());
      expect([
        fixed.code,
        check(fixed.report, 'accuracy_duplicates').status,
        fixed.report.alert?.outcome,
      ]).toEqual([0, 'ok', 'resolved']);
      const heads = slack.texts().map((t) => t.split('\n')[0]!);
      expect(heads).toHaveLength(2);
      expect(heads[0]).toContain(`daily check ${DATE}..${DATE}: 1 critical (accuracy_duplicates)`);
      expect(heads[1]).toContain('Resolved: daily_check');
    });
  },
);
