import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../../apps/runtime/src/app.ts';
import { systemClock } from '../../../apps/runtime/src/clock.ts';
import { openHandoffStore } from '../../../apps/runtime/src/handoff/sqlite-store.ts';
import { silentLogger } from '../../../apps/runtime/src/logger.ts';
import { openLowdbStore } from '../../../apps/runtime/src/lowdb-store.ts';
import { seedTemplates } from '../../../apps/runtime/src/seed.ts';
import { loadTemplates } from '../../../apps/runtime/src/templates.ts';

/** The runtime with the seeded examples (the reference workload among them), for sql-bench.ts: prints its port. */
const dir = mkdtempSync(join(tmpdir(), 'qualify-sql-bench-'));
const { store } = await openLowdbStore({ dir, logger: silentLogger });
const handoff = await openHandoffStore({ dir, clock: systemClock, logger: silentLogger });
await seedTemplates(store, systemClock, loadTemplates());
const app = createApp({
  store,
  handoff,
  clock: systemClock,
  config: { keysRequired: false, bodyLimitBytes: 1 << 20 },
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
  process.stdout.write(`${info.port}\n`),
);
process.on('SIGTERM', async () => {
  server.close();
  await handoff.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
