import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { type Clock, systemClock } from './clock.ts';
import { DEFAULT_WEBHOOKS, type WebhookConfig } from './config.ts';
import type { AppConfig, DeliveryWaker } from './context.ts';
import { SlaTicker } from './handoff/sla-ticker.ts';
import type { HandoffStore } from './handoff/types.ts';
import { openLowdbStore } from './lowdb-store.ts';
import { Metrics } from './metrics.ts';
import { openStores } from './open-store.ts';
import { openPgStore } from './pg/open.ts';
import { takeSchema, testDatabaseUrl, testStoreIsPostgres } from './pg/test-schemas.ts';
import { RetentionSweeper } from './retention/sweeper.ts';
import { seedTeam, seedTemplates } from './seed.ts';
import { ShadowRunner } from './shadow/runner.ts';
import type { Store } from './store.ts';
import { loadTeam, loadTemplates } from './templates.ts';
import { Deliverer } from './webhooks/deliverer.ts';

/** The lines of an NDJSON answer, parsed. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers freely; the assertions check the shape
export const ndjsonLines = (text: string): any[] =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

/** A clock that moves one millisecond each time it is read: time-ordered, yet repeatable. */
export function steppingClock(start = Date.parse('2026-03-02T09:00:00Z')): Clock {
  let t = start;
  return { now: () => t++ };
}

/** A clock the test sets and moves, for the SLA clock: due soon and breached without waiting. */
export function settableClock(start: string | number) {
  let t = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => t,
    set: (at: string | number) => {
      t = typeof at === 'string' ? Date.parse(at) : at;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  /** The hand-off store beside it (SQLite in the same folder, or PostgreSQL). */
  handoff: HandoffStore;
  /** The shadow runner: `idle()` waits for the challenger to catch up. */
  shadow: ShadowRunner;
  /** The SLA clock over the app's clock, not started: tests call `tick()` after moving the clock. */
  sla: SlaTicker;
  /** The retention sweeper over the app's clock (`retentionDays`), not started: tests call `sweep()`. */
  retention: RetentionSweeper;
  dir: string;
  clock: Clock;
  /** A second store on the same data (folder or schema), as another process would open it; close it after. */
  openStoreAgain(): Promise<Store>;
  /** Sends a request; a plain object body goes as JSON. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers freely; the assertions check the shape
  body: any;
  text: string;
}

/**
 * The app over a real store in a fresh temp folder (lowdb and SQLite; PostgreSQL in a schema of the
 * test file's own with QUALIFY_TEST_STORE=postgres), seeded with the examples unless `seed: false`.
 */
export async function testApp(
  o: {
    seed?: boolean;
    config?: Partial<AppConfig>;
    dir?: string;
    clock?: Clock;
    /** Starts a webhook deliverer with these settings (and a first retry after `backoffBaseMs`). */
    webhooks?: Partial<WebhookConfig> & { backoffBaseMs?: number };
    /** Without `webhooks`: what is woken after commits that queued deliveries (a test's counter). */
    deliverer?: DeliveryWaker;
    /** Most live evaluations waiting for a challenger (default the runner's). */
    shadowCapacity?: number;
    /** RETENTION_DAYS for the sweeper (default: keep forever). */
    retentionDays?: number;
  } = {},
): Promise<TestApp> {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'qualify-runtime-'));
  const quiet = { info() {}, error() {} };
  // Webhook tests wait for real retries, so they run on the system clock unless they bring one.
  const clock = o.clock ?? (o.webhooks ? systemClock : steppingClock());
  // QUALIFY_TEST_STORE=postgres: the same app on PostgreSQL, in a schema of this test file's own.
  const schema = testStoreIsPostgres() ? await takeSchema(dir, o.dir !== undefined) : undefined;
  const stores = await openStores({
    dataDir: dir,
    databaseUrl: schema ? testDatabaseUrl() : null,
    pgOptions: schema?.options,
    clock,
    logger: quiet,
    decisionFlushMs: 20,
  });
  const { store, handoff } = stores;
  if (o.seed !== false) {
    await seedTemplates(store, clock, loadTemplates());
    await seedTeam(handoff, loadTeam());
  }
  const { backoffBaseMs, ...webhooks } = o.webhooks ?? {};
  const metrics = new Metrics();
  const sender = o.webhooks
    ? new Deliverer({
        outbox: handoff,
        clock,
        config: { ...DEFAULT_WEBHOOKS, ...webhooks },
        logger: quiet,
        backoffBaseMs,
        metrics,
      }).start()
    : undefined;
  const deliverer = sender ?? o.deliverer;
  const sla = new SlaTicker({ store: handoff, clock, logger: quiet, everyMs: 60_000, deliverer });
  const shadow = new ShadowRunner({ store, logger: quiet, capacity: o.shadowCapacity });
  const retention = new RetentionSweeper({
    store,
    handoff,
    clock,
    logger: quiet,
    ledger: stores.sweepLedger,
    days: o.retentionDays ?? null,
  });
  const app = createApp({
    store,
    shadow,
    retention,
    handoff,
    deliverer,
    clock,
    config: { keysRequired: false, bodyLimitBytes: 1024 * 1024, ...o.config },
    metrics,
  });
  const call: TestApp['call'] = async (method, path, body, headers = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      init.body = raw;
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, init);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (/json/.test(type) && !/ndjson/.test(type)) parsed = JSON.parse(text);
    return { status: res.status, type, body: parsed, text };
  };
  return {
    app,
    store,
    handoff,
    sla,
    retention,
    shadow,
    dir,
    clock,
    call,
    openStoreAgain: async () =>
      schema
        ? (await openPgStore({ url: testDatabaseUrl(), options: schema.options, logger: quiet })).store
        : (await openLowdbStore({ dir, logger: quiet })).store,
    close: async () => {
      await sla.stop();
      await retention.stop();
      await shadow.stop();
      await sender?.close();
      await stores.close();
      schema?.release();
      if (!o.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The audit entry of a key a test puts straight into the store. */
export const KEY_AUDIT = {
  action: 'key.created',
  actor: 'test',
  workflowId: null,
  detail: 'Created a key for the test.',
} as const;
