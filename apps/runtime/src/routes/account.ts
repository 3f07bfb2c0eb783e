import type { App, Ctx } from '../context.ts';

/** Who the caller is, and the templates a new workflow can start from. */
export function accountRoutes(app: App, ctx: Ctx) {
  app.get('/v1/me', (c) => {
    const { role, name, mode } = c.get('principal');
    return c.json({ role, name, mode });
  });

  app.get('/v1/templates', (c) => c.json({ items: ctx.templates() }));
}
