import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../lowdb-store.ts';
import { storeContract } from './contract.ts';

const quiet = { info() {}, error() {} };

storeContract('embedded (lowdb and JSON Lines)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
  const open = async () => (await openLowdbStore({ dir, logger: quiet, decisionFlushMs: 20 })).store;
  return {
    store: await open(),
    reopen: open,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
