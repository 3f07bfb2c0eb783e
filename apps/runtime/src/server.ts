import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { becomePrimary } from './cluster.ts';
import { readConfig } from './config.ts';
import { lockDataDir } from './data-lock.ts';
import { SlaTicker } from './handoff/sla-ticker.ts';
import { jsonLogger } from './logger.ts';
import { Metrics } from './metrics.ts';
import { openStores } from './open-store.ts';
import { RetentionSweeper } from './retention/sweeper.ts';
import { seedTeam, seedTemplates } from './seed.ts';
import { ShadowRunner } from './shadow/runner.ts';
import { loadTeam, loadTemplates } from './templates.ts';
import { Deliverer } from './webhooks/deliverer.ts';

/** Past this, connections still open at shutdown are cut so the process can exit. */
const DRAIN_MS = 10_000;

const logger = jsonLogger(
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);

async function main() {
  const config = readConfig(
    process.env,
    // npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed the command,
    // so `npm start` at the top keeps its data in ./data there, as the README says.
    process.env.INIT_CWD ?? process.cwd(),
    fileURLToPath(new URL('../../studio/dist', import.meta.url)),
  );
  if (becomePrimary(config.workers, logger)) return;
  // PostgreSQL is shared by replicas; the embedded stores' folder is one process's, under a lock.
  let release = () => {};
  if (!config.databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    release = lockDataDir(config.dataDir, process.pid);
  }
  const stores = await openStores({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    clock: systemClock,
    logger,
    decisionFlushMs: config.decisionFlushMs,
  });
  const { store, handoff } = stores;
  const seeded = await stores.seedOnce(async () => {
    await seedTemplates(store, systemClock, loadTemplates());
    await seedTeam(handoff, loadTeam());
  });
  if (seeded) {
    logger.info('seeded the example workflows, version 1 live, and the team their sales routes assign from', {
      store: stores.backend === 'postgres' ? 'PostgreSQL' : config.dataDir,
    });
  }
  const studioDir = existsSync(config.studioDir) ? config.studioDir : null;
  const metrics = new Metrics();
  const deliverer = new Deliverer({
    outbox: handoff,
    clock: systemClock,
    config: config.webhooks,
    logger,
    metrics,
  }).start();
  const shadow = new ShadowRunner({ store, logger });
  const retention = new RetentionSweeper({
    store,
    handoff,
    clock: systemClock,
    logger,
    ledger: stores.sweepLedger,
    days: config.retentionDays,
  });
  const app = createApp({
    store,
    shadow,
    retention,
    handoff,
    deliverer,
    clock: systemClock,
    config: {
      keysRequired: config.keysRequired,
      bodyLimitBytes: config.bodyLimitBytes,
      studioDir,
      authFailuresPerMinute: config.authFailuresPerMinute,
      trustProxy: config.trustProxy,
    },
    logger,
    metrics,
  });

  const sla = new SlaTicker({
    store: handoff,
    clock: systemClock,
    logger,
    everyMs: config.slaTickMs,
    deliverer,
  });
  sla.start();
  retention.start();

  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    const url = `http://${host}:${info.port}`;
    const mode = config.keysRequired ? 'API keys required' : 'local mode, no API key needed';
    logger.info(`Qualify runtime on ${url} (${mode})`, {
      url,
      pid: process.pid,
      mode: config.keysRequired ? 'keys' : 'local',
      ...(stores.backend === 'postgres' ? { store: 'PostgreSQL' } : { dataDir: config.dataDir }),
      studio: studioDir ?? 'not built (npm run build -w @qualify/studio)',
    });
    if (config.keysRequired && store.listKeys().length === 0) {
      logger.info(
        `no API keys yet: npm run keys -w @qualify/runtime -- create --name admin --role admin${
          stores.backend === 'postgres' ? '' : ' (with the server stopped)'
        }`,
      );
    }
  });
  server.on('error', (e) => {
    logger.error('cannot listen', { error: e.message, host: config.host, port: config.port });
    release();
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: finishing requests in flight', { signal });
    // close() only drops connections idle at that moment; a keep-alive connection whose request ends
    // later would hold the exit for the keep-alive timeout, so idle ones are dropped as they appear.
    const idle = setInterval(() => 'closeIdleConnections' in server && server.closeIdleConnections(), 50);
    const force = setTimeout(() => 'closeAllConnections' in server && server.closeAllConnections(), DRAIN_MS);
    idle.unref();
    force.unref();
    server.close(async () => {
      try {
        await sla.stop();
        await retention.stop();
        await shadow.stop();
        await deliverer.close();
        await stores.close();
        release();
        logger.info('stopped cleanly');
        process.exit(0);
      } catch (e) {
        logger.error('shutdown failed', { error: String(e) });
        process.exit(1);
      }
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e) => {
  logger.error('cannot start', { error: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});
