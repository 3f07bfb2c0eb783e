import type { Api } from '../auth.ts';
import type { Ctx } from '../context.ts';
import { SlaQuerySchema } from '../handoff/http-schemas.ts';

/** The SLA clock: live timers soonest due first, with counts by status, owner and pool. */
export function slaRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/sla', 'evaluator', async (c) =>
    c.json(await ctx.handoff.listSla({ ...ctx.queries.parse(c, SlaQuerySchema) })),
  );
}
