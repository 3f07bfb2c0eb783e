import { serveStatic } from '@hono/node-server/serve-static';
import type { App } from './context.ts';

/**
 * Serves the built studio at `/`. Paths that are not files fall back to index.html so the studio's
 * own routes work on reload; API and probe paths are left to the API's JSON 404.
 */
export function studioRoutes(app: App, root: string) {
  const isApi = (path: string) =>
    path.startsWith('/v1/') || path === '/v1' || ['/healthz', '/readyz', '/metrics'].includes(path);
  app.get('*', async (c, next) => (isApi(c.req.path) ? next() : serveStatic({ root })(c, next)));
  app.get('*', async (c, next) =>
    isApi(c.req.path) ? next() : serveStatic({ root, path: 'index.html' })(c, next),
  );
}
