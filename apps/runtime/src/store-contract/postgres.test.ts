import { describe } from 'vitest';
import { openPgStore } from '../pg/open.ts';
import { createTestDb, postgresForTests } from '../pg/test-db.ts';
import { storeContract } from './contract.ts';

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
