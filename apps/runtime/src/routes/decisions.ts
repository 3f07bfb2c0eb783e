import type { Api } from '../auth.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { DECISION_ID, DecisionQuery } from '../schemas.ts';

/** The decision log: filtered, newest first, paged with an opaque cursor. */
export function decisionRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/decisions', 'evaluator', async (c) => {
    const { limit, cursor, ...filter } = ctx.queries.parse(c, DecisionQuery);
    return c.json(await ctx.store.listDecisions(filter, cursor, limit));
  });

  api.get('/v1/decisions/:id', 'evaluator', async (c) => {
    const id = c.req.param('id');
    const entry = DECISION_ID.test(id) ? await ctx.store.getDecision(id) : undefined;
    if (!entry)
      throw new ProblemError(404, 'decision_not_found', `There is no decision "${id.slice(0, 60)}".`);
    return c.json(entry);
  });
}
