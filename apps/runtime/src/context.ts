import type { Hono } from 'hono';
import type { AppEnv } from './auth.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import type { Clock } from './clock.ts';
import type { DraftCache } from './draft-cache.ts';
import type { Decider } from './evaluator.ts';
import type { HandoffStore } from './handoff/types.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { PreparedCache } from './prepared-cache.ts';
import type { RetentionView } from './retention/sweeper.ts';
import type { ShadowRunner } from './shadow/runner.ts';
import type { Store } from './store.ts';
import type { Template } from './templates.ts';
import type { QueryParser } from './validation.ts';

export interface AppConfig {
  /** False only in local mode: loopback address and AUTH not `required`. */
  keysRequired: boolean;
  /** Largest single-request body; batch uploads are limited per line instead. */
  bodyLimitBytes: number;
  /** The built studio to serve at `/`, or null to serve none. */
  studioDir?: string | null;
  /** Most a backtest copies to disk to read its upload twice; default 1 GiB (`MAX_SPOOL_BYTES`). */
  backtestSpoolBytes?: number;
  /** Failed authentications a client address may make in a minute before 429; 0: no limit. Default 30. */
  authFailuresPerMinute?: number;
  /** Reverse proxies in front, whose X-Forwarded-For names the client. Default 0. */
  trustProxy?: number;
}

/**
 * Whatever sends the outbox's deliveries: told after a hand-off, a lead event or an SLA tick committed
 * events, so they go out at once rather than at the next poll. The webhook deliverer fills it; without
 * one (tests of other parts), nothing is woken.
 */
export interface DeliveryWaker {
  wake(): void;
}

export const NO_DELIVERER: DeliveryWaker = { wake() {} };

/** What every route module gets: the app's collaborators, built once in createApp. */
export interface Ctx {
  store: Store;
  /** Lead state, team pools, SLA timers and the outbox (SQLite beside the lowdb store). */
  handoff: HandoffStore;
  deliverer: DeliveryWaker;
  clock: Clock;
  config: AppConfig;
  logger: Logger;
  metrics: Metrics;
  prepared: PreparedCache;
  drafts: DraftCache;
  decider: Decider;
  /** Evaluates the challenger beside live evaluations, after they are answered. */
  shadow: ShadowRunner;
  /** RETENTION_DAYS and the last sweep, for GET /v1/ops. */
  retention: RetentionView;
  templates: () => Template[];
  authThrottle: AuthThrottle;
  /** Query strings parsed per schema, remembered for this app only. */
  queries: QueryParser;
}

export type App = Hono<AppEnv>;
