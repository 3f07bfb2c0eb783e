import { AuditQuery } from '../audit/schemas.ts';
import type { Api } from '../auth.ts';
import type { Ctx } from '../context.ts';

/** The audit trail: who changed what and when, newest first, filtered and paged. */
export function auditRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/audit', 'editor', async (c) => {
    const { limit, cursor, ...filter } = ctx.queries.parse(c, AuditQuery);
    return c.json(await ctx.store.listAudit(filter, cursor, limit));
  });
}
