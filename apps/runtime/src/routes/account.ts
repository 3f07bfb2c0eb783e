import type { Api } from '../auth.ts';
import type { Ctx } from '../context.ts';

/** Who the caller is, and the templates a new workflow can start from. */
export function accountRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/me', 'evaluator', (c) => {
    const { role, name, mode } = c.get('principal');
    return c.json({ role, name, mode });
  });

  api.get('/v1/templates', 'evaluator', (c) => c.json({ items: ctx.templates() }));
}
