import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import type { KeyRow } from '../store.ts';
import { Mirror } from './mirror.ts';

const key: KeyRow = {
  id: 'key_1',
  name: 'Eve Editor',
  role: 'editor',
  hash: 'h1',
  prefix: 'qsk_abc',
  createdAt: '2026-03-02T09:00:00.000Z',
};

/** A pool whose one query waits until the test answers it with the rows the database held when read. */
function slowPool() {
  let answer: (rows: { row: KeyRow }[]) => void = () => {};
  const pool = {
    query: () =>
      new Promise<{ rows: { row: KeyRow }[] }>((resolve) => (answer = (rows) => resolve({ rows }))),
  };
  return { pool: pool as unknown as pg.Pool, answer: (rows: { row: KeyRow }[]) => answer(rows) };
}

describe('Mirror: keys', () => {
  it('does not bring back a key this replica deleted while a reload was reading it', async () => {
    const { pool, answer } = slowPool();
    const mirror = new Mirror(pool, silentLogger);
    mirror.putKey(key);
    // The key's creation is announced; its reload reads the row before the delete commits...
    const reload = mirror.changed({ table: 'api_keys', id: key.id });
    await Promise.resolve();
    mirror.dropKey(key.id);
    answer([{ row: key }]);
    await reload;
    // ...and must not install what it read: the delete is newer.
    expect(mirror.keysByHash.get(key.hash)).toBeUndefined();
    expect(mirror.keys).toEqual([]);
  });

  it('installs what a reload reads when this replica changed nothing meanwhile', async () => {
    const { pool, answer } = slowPool();
    const mirror = new Mirror(pool, silentLogger);
    const reload = mirror.changed({ table: 'api_keys', id: key.id });
    await Promise.resolve();
    answer([{ row: key }]);
    await reload;
    expect(mirror.keysByHash.get(key.hash)).toEqual(key);
  });
});
