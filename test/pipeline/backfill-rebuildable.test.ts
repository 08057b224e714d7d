/**
 * Which contexts a backfill may rebuild in worker threads: only the CLI runtime without a lock
 * observer. The server's (observed) runtime and any copy or hand-built context stay in-process,
 * so lock metrics keep coming from the one lock that reports them.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../../src/cli/runtime.js';
import { rebuildableConfig } from '../../src/pipeline/context.js';
import { tempDir } from '../helpers/cli.js';

describe('rebuildable contexts', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'ctx.db');
  afterAll(() => tmp.cleanup());

  it('marks the CLI runtime, with its own configuration', async () => {
    await using rt = await openRuntime({ db, logLevel: 'silent' });
    expect(rebuildableConfig(rt)).toBe(rt.config);
  });

  it('does not mark a runtime whose lock reports to an observer (serve metrics)', async () => {
    await using rt = await openRuntime({ db, logLevel: 'silent' }, {}, { onAcquire: () => {} });
    expect(rebuildableConfig(rt)).toBeNull();
  });

  it('does not carry the mark to a copy, which may hold another store or lock', async () => {
    await using rt = await openRuntime({ db, logLevel: 'silent' });
    expect(rebuildableConfig({ ...rt })).toBeNull();
  });
});
