import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL for every piece of state instead of the embedded stores in dataDir (DATABASE_URL). */
  databaseUrl: string | null;
  /** Processes behind the port (node:cluster): one per core with PostgreSQL, 1 with the embedded store. */
  workers: number;
  auth: 'auto' | 'required';
  /** Keys are required unless the address is loopback and AUTH is `auto` (local mode). */
  keysRequired: boolean;
  bodyLimitBytes: number;
  studioDir: string;
  decisionFlushMs: number;
  authFailuresPerMinute: number;
  trustProxy: number;
  /** How often the SLA clock looks for due-soon warnings, breaches and escalation steps. */
  slaTickMs: number;
  /**
   * Decisions, shadow entries and the state of leads not seen for this many days are deleted
   * (RETENTION_DAYS); null keeps them forever.
   */
  retentionDays: number | null;
  webhooks: WebhookConfig;
}

/** How the runtime delivers events to webhook subscriptions (docs/webhooks.md). */
export interface WebhookConfig {
  /** How long a delivery is retried after it was created (or replayed) before it is dead. */
  retryHours: number;
  /** How long one attempt may take before it counts as failed. */
  timeoutMs: number;
  /** How often the outbox is looked at for deliveries due; a hand-off also wakes the deliverer at once. */
  pollMs: number;
  /** Most deliveries in flight at once, over all subscriptions. */
  concurrency: number;
}

export const DEFAULT_WEBHOOKS: WebhookConfig = {
  retryHours: 24,
  timeoutMs: 10_000,
  pollMs: 500,
  concurrency: 8,
};

/** Generous for a person retyping a key or a studio reloading with an old one; slow for guessing. */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 30;

/** A breach is seen within five seconds of its due time; each look is one indexed query in the worker. */
export const DEFAULT_SLA_TICK_MS = 5000;

type Env = Record<string, string | undefined>;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

export const isLoopback = (host: string) => LOOPBACK.test(host);

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return n;
}

/** A whole number, or null when the variable is unset or empty. */
function optionalInt(env: Env, name: string, min: number, max: number): number | null {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? null : int(env, name, 0, min, max);
}

/** A number that may have a fraction ("0.5" hours), from min to max. */
function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || n < min || n > max) {
    throw new Error(`${name} must be a number from ${min} to ${max} (such as 0.5 or 24); got "${raw}".`);
  }
  return n;
}

function databaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  if (!/^postgres(ql)?:\/\//.test(raw.trim())) {
    throw new Error(`DATABASE_URL must be a PostgreSQL URL (postgres://user@host:5432/db); got "${raw}".`);
  }
  return raw.trim();
}

/**
 * Reads the server's settings from environment variables, failing with a readable message.
 * Relative paths resolve against `cwd`; the studio folder defaults to `defaultStudioDir`.
 */
export function readConfig(
  env: Env,
  cwd: string,
  defaultStudioDir: string,
  cores = availableParallelism(),
): ServerConfig {
  const auth = env.AUTH ?? 'auto';
  if (auth !== 'auto' && auth !== 'required')
    throw new Error(`AUTH must be "auto" or "required"; got "${auth}".`);
  const host = env.HOST || '127.0.0.1';
  const path = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const dbUrl = databaseUrl(env.DATABASE_URL);
  const workers = int(env, 'WORKERS', dbUrl ? cores : 1, 1, 256);
  if (workers > 1 && !dbUrl) {
    throw new Error(
      `WORKERS=${workers} needs DATABASE_URL: the embedded store belongs to one process (its data folder is locked), so it runs 1 worker.`,
    );
  }
  return {
    host,
    port: int(env, 'PORT', 8787, 0, 65535),
    dataDir: path(env.DATA_DIR || './data'),
    databaseUrl: dbUrl,
    workers,
    auth,
    keysRequired: auth === 'required' || !isLoopback(host),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    studioDir: env.STUDIO_DIR ? path(env.STUDIO_DIR) : defaultStudioDir,
    decisionFlushMs: int(env, 'DECISION_FLUSH_MS', 200, 1, 60_000),
    authFailuresPerMinute: int(
      env,
      'AUTH_FAILURES_PER_MINUTE',
      DEFAULT_AUTH_FAILURES_PER_MINUTE,
      0,
      1_000_000,
    ),
    trustProxy: int(env, 'TRUST_PROXY', 0, 0, 10),
    slaTickMs: int(env, 'SLA_TICK_MS', DEFAULT_SLA_TICK_MS, 100, 3_600_000),
    retentionDays: optionalInt(env, 'RETENTION_DAYS', 1, 36_500),
    webhooks: {
      retryHours: decimal(env, 'WEBHOOK_RETRY_HOURS', DEFAULT_WEBHOOKS.retryHours, 0.0001, 720),
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOKS.timeoutMs, 100, 120_000),
      pollMs: int(env, 'WEBHOOK_POLL_MS', DEFAULT_WEBHOOKS.pollMs, 10, 60_000),
      concurrency: int(env, 'WEBHOOK_CONCURRENCY', DEFAULT_WEBHOOKS.concurrency, 1, 256),
    },
  };
}
