import pg from 'pg';

export interface PoolOptions {
  /** `postgres://user@host:port/db`; the runtime reads it from DATABASE_URL. */
  url: string;
  /** Connections per process; replicas multiply it, so keep it small. */
  max?: number;
  /** Extra server options for every connection, e.g. `-c search_path=s1` (the tests' own schema). */
  options?: string;
  /** Shown in pg_stat_activity, so an operator can tell the runtime's connections apart. */
  applicationName?: string;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, which JSON and HTTP allow: a lead id, a note or a label
 * with one would fail its statement (and a group commit with it). Every value sent is mapped first:
 * a NUL character, and the JSON escape for one, become U+FFFD (the replacement character), so such
 * text is kept, marked, rather than refused. Arrays map item by item; objects (sent as JSON) as text.
 */
export function nulSafe(v: unknown): unknown {
  if (typeof v === 'string') {
    if (!v.includes('\u0000') && !v.includes('\\u0000')) return v;
    // A JSON escape preceded by an even number of backslashes is an escape; an odd number, literal text.
    return v.replaceAll('\u0000', '\uFFFD').replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
  }
  if (Array.isArray(v)) return v.map(nulSafe);
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v))
    return nulSafe(JSON.stringify(v));
  return v;
}

/** A client that sends every query's values through `nulSafe`. */
class NulSafeClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this only maps the values.
  override query(...args: any[]): any {
    const [first, second] = args;
    if (Array.isArray(second)) args[1] = second.map(nulSafe);
    else if (first !== null && typeof first === 'object' && Array.isArray(first.values))
      args[0] = { ...first, values: first.values.map(nulSafe) };
    return (super.query as (...a: unknown[]) => unknown).apply(this, args);
  }
}

/**
 * A pool of PostgreSQL connections with settings a server process wants: a bounded size, a connect
 * timeout (a database that does not answer fails start-up instead of hanging it), idle connections
 * closed after a while, and a statement timeout so one stuck query cannot hold a connection forever.
 * An error on an idle connection (the server restarted) is logged by the pool's owner, never thrown.
 */
export function createPool(o: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: o.url,
    Client: NulSafeClient,
    max: o.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
    application_name: o.applicationName ?? 'qualify-runtime',
    ...(o.options ? { options: o.options } : {}),
  });
  // Without a listener an idle client's error (server restart) would crash the process.
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
