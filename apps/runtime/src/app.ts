import { Hono } from 'hono';
import { type AppEnv, authenticator, guardedApi } from './auth.ts';
import { AuthThrottle } from './auth-throttle.ts';
import type { Clock } from './clock.ts';
import { DEFAULT_AUTH_FAILURES_PER_MINUTE } from './config.ts';
import { type AppConfig, type Ctx, type DeliveryWaker, NO_DELIVERER } from './context.ts';
import { DraftCache } from './draft-cache.ts';
import { makeDecider } from './evaluator.ts';
import type { HandoffStore } from './handoff/types.ts';
import { type Logger, silentLogger } from './logger.ts';
import { Metrics } from './metrics.ts';
import { notFound, onError } from './on-error.ts';
import { PreparedCache } from './prepared-cache.ts';
import { NO_RETENTION, type RetentionView } from './retention/sweeper.ts';
import { accountRoutes } from './routes/account.ts';
import { agreementRoutes } from './routes/agreement.ts';
import { auditRoutes } from './routes/audit.ts';
import { backtestRoutes } from './routes/backtest.ts';
import { batchRoutes } from './routes/batch.ts';
import { decisionRoutes } from './routes/decisions.ts';
import { diffRoutes } from './routes/diff.ts';
import { evaluateRoutes } from './routes/evaluate.ts';
import { keyRoutes } from './routes/keys.ts';
import { leadRoutes } from './routes/leads.ts';
import { opsApiRoutes, opsRoutes } from './routes/ops.ts';
import { proposalRoutes } from './routes/proposals.ts';
import { shadowRoutes } from './routes/shadow.ts';
import { slaRoutes } from './routes/sla.ts';
import { teamRoutes } from './routes/team.ts';
import { testCaseRoutes } from './routes/test-cases.ts';
import { versionRoutes } from './routes/versions.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { workflowRoutes } from './routes/workflows.ts';
import { ShadowRunner } from './shadow/runner.ts';
import type { Store } from './store.ts';
import { studioRoutes } from './studio.ts';
import { loadTemplates, type Template } from './templates.ts';
import { QueryParser } from './validation.ts';

export type { AppConfig } from './context.ts';

export interface AppDeps {
  store: Store;
  handoff: HandoffStore;
  /** Woken after commits that queued deliveries; none by default. */
  deliverer?: DeliveryWaker;
  clock: Clock;
  config: AppConfig;
  logger?: Logger;
  /** Shared with what runs beside the app (the webhook deliverer); a new one by default. */
  metrics?: Metrics;
  /** Runs challengers beside live evaluations; stopped by whoever stops the store. A new one by default. */
  shadow?: ShadowRunner;
  /** The retention sweeper beside the app, for GET /v1/ops; none (keep forever) by default. */
  retention?: RetentionView;
}

/**
 * The runtime's HTTP app, without a socket: `server.ts` serves it, tests call `app.request()`.
 * @example const app = createApp({ store, handoff, clock: systemClock, config: { keysRequired: false, bodyLimitBytes: 1 << 20 } })
 */
export function createApp({
  store,
  handoff,
  deliverer = NO_DELIVERER,
  clock,
  config,
  logger = silentLogger,
  metrics = new Metrics(),
  shadow = new ShadowRunner({ store, logger }),
  retention = NO_RETENTION,
}: AppDeps) {
  let templates: Template[] | undefined;
  const ctx: Ctx = {
    store,
    handoff,
    deliverer,
    clock,
    config,
    logger,
    metrics,
    prepared: new PreparedCache(),
    drafts: new DraftCache(),
    decider: makeDecider(store, metrics),
    shadow,
    retention,
    templates: () => (templates ??= loadTemplates()),
    authThrottle: new AuthThrottle(clock, config.authFailuresPerMinute ?? DEFAULT_AUTH_FAILURES_PER_MINUTE),
    queries: new QueryParser(),
  };

  const app = new Hono<AppEnv>();
  app.onError(onError(ctx));
  app.notFound(notFound(ctx));

  opsRoutes(app, ctx);
  const api = guardedApi(
    app,
    authenticator({
      store,
      keysRequired: config.keysRequired,
      throttle: ctx.authThrottle,
      trustProxy: config.trustProxy ?? 0,
    }),
  );
  workflowRoutes(api, ctx);
  versionRoutes(api, ctx);
  proposalRoutes(api, ctx);
  testCaseRoutes(api, ctx);
  auditRoutes(api, ctx);
  agreementRoutes(api, ctx);
  shadowRoutes(api, ctx);
  diffRoutes(api, ctx);
  evaluateRoutes(api, ctx);
  batchRoutes(api, ctx);
  backtestRoutes(api, ctx);
  decisionRoutes(api, ctx);
  teamRoutes(api, ctx);
  leadRoutes(api, ctx);
  slaRoutes(api, ctx);
  keyRoutes(api, ctx);
  accountRoutes(api, ctx);
  webhookRoutes(api, ctx);
  opsApiRoutes(api, ctx);
  if (config.studioDir) studioRoutes(app, config.studioDir);
  return app;
}
