import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * A request header, read from Node's IncomingMessage when the app runs on @hono/node-server (a plain
 * object Node has already parsed) rather than from the web `Headers` the request would otherwise
 * build for it on first use; `app.request()` in tests has no IncomingMessage and reads the Headers.
 */
export function headerOf(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return c.req.raw.headers.get(name) ?? undefined;
}
