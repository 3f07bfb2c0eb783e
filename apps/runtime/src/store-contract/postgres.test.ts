import { describe, expect, it } from 'vitest';
import { newApiKey } from '../keys.ts';
import { openPgStore } from '../pg/open.ts';
import { createTestDb, postgresForTests } from '../pg/test-db.ts';
import { storeContract } from './contract.ts';
import { created, draftOf, event, iso, T0, versionOf } from './fixtures.ts';

const quiet = { info() {}, error() {} };
const url = await postgresForTests('store contract');

describe.skipIf(!url)('PostgreSQL', () => {
  storeContract('PostgreSQL', async () => {
    const db = await createTestDb(url!);
    const open = async () =>
      (await openPgStore({ url: url!, options: db.options, logger: quiet, decisionFlushMs: 20 })).store;
    return { store: await open(), reopen: open, drop: () => db.drop() };
  });
});

describe.skipIf(!url)('PostgreSQL: two stores on one database behave as one', () => {
  it('refuses a stale save across stores and shows each change on the other within a second', async () => {
    const db = await createTestDb(url!);
    const open = async () =>
      (await openPgStore({ url: url!, options: db.options, logger: quiet, decisionFlushMs: 20 })).store;
    const [a, b] = [await open(), await open()];
    try {
      await created(a, 'wf-a');
      await expect.poll(() => b.getWorkflow('wf-a')?.revision, { timeout: 1000 }).toBe(1);
      const draft = draftOf('wf-a');
      const [x, y] = await Promise.all([
        a.saveDraft('wf-a', { ...draft, name: 'A' }, 1, iso(T0 + 1), event('draft.saved', 'wf-a')),
        b.saveDraft('wf-a', { ...draft, name: 'B' }, 1, iso(T0 + 1), event('draft.saved', 'wf-a')),
      ]);
      expect([x, y].filter((r) => 'ok' in r)).toHaveLength(1);
      expect([x, y].filter((r) => 'conflict' in r)).toEqual([{ conflict: 2 }]);
      await b.addVersion('wf-a', versionOf(draft, 1, 2), iso(T0 + 2), event('version.published', 'wf-a'));
      await expect.poll(() => a.getWorkflow('wf-a')?.liveVersion, { timeout: 1000 }).toBe(1);
      expect(a.getWorkflow('wf-a')).toEqual(b.getWorkflow('wf-a'));
      const { row: key } = newApiKey('Val Evaluator', 'evaluator', iso(T0));
      await a.createKey(key, event('key.created', null, 'local'));
      await expect.poll(() => b.findKeyByHash(key.hash)?.id, { timeout: 1000 }).toBe(key.id);
      await b.deleteKey(key.id, iso(T0 + 3), event('key.deleted', null, 'local'));
      await expect.poll(() => a.findKeyByHash(key.hash), { timeout: 1000 }).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});

describe.skipIf(!url)('PostgreSQL: a store that lost its change notifications', () => {
  it('is not ready until they are back, then holds what changed meanwhile', async () => {
    const db = await createTestDb(url!);
    const open = async () =>
      (await openPgStore({ url: url!, options: db.options, logger: quiet, decisionFlushMs: 20 })).store;
    const [a, b] = [await open(), await open()];
    try {
      await created(a, 'wf-a');
      await expect.poll(() => b.getWorkflow('wf-a')?.revision, { timeout: 1000 }).toBe(1);
      // Cut every listening connection of this schema (both stores'), then change a row at once.
      await db.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = left('qualify-listen qualify_changes_' || current_schema(), 63)`,
      );
      await expect.poll(() => b.isReady(), { timeout: 2000, interval: 5 }).toBe(false);
      await a.saveDraft(
        'wf-a',
        { ...draftOf('wf-a'), name: 'While B was deaf' },
        1,
        iso(T0 + 1),
        event('draft.saved', 'wf-a'),
      );
      await expect.poll(() => b.isReady(), { timeout: 5000 }).toBe(true);
      await expect.poll(() => b.getWorkflow('wf-a')?.draft.name, { timeout: 2000 }).toBe('While B was deaf');
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
