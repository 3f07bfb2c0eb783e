import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { PoolBodySchema, PoolIdSchema } from '../handoff/http-schemas.ts';
import { liveUsersOfPool } from '../handoff/pool-usage.ts';
import { ProblemError } from '../problem.ts';
import { parseWith } from '../validation.ts';

const poolNotFound = (id: string) =>
  new ProblemError(404, 'pool_not_found', `There is no pool "${id}". GET /v1/team/pools lists them.`);

function poolIdOf(raw: string): string {
  return parseWith(PoolIdSchema, raw, 'poolId');
}

/** The team: pools of reps that sales routes assign leads from (reading: evaluator; editing: editor). */
export function teamRoutes(api: Api, ctx: Ctx) {
  api.get('/v1/team/pools', 'evaluator', async (c) => c.json({ items: await ctx.handoff.listPools() }));

  api.get('/v1/team/pools/:poolId', 'evaluator', async (c) => {
    const id = poolIdOf(c.req.param('poolId'));
    const pool = await ctx.handoff.getPool(id);
    if (!pool) throw poolNotFound(id);
    return c.json(pool);
  });

  api.put('/v1/team/pools/:poolId', 'editor', async (c) => {
    const id = poolIdOf(c.req.param('poolId'));
    const { revision, ...body } = parseWith(PoolBodySchema, await readJson(c, ctx.config.bodyLimitBytes));
    const result = await ctx.handoff.putPool({ id, ...body }, revision);
    if ('conflict' in result) {
      const detail =
        result.conflict === 0
          ? `There is no pool "${id}" to replace at revision ${revision} (it was deleted, or never created). Send it without a revision to create it.`
          : `Pool "${id}" is at revision ${result.conflict}, not ${revision}: someone saved it since you loaded it. Load it again and reapply your change.`;
      throw new ProblemError(409, 'revision_conflict', detail, { currentRevision: result.conflict });
    }
    const pool = result.ok;
    await ctx.store.appendAudit(
      {
        action: 'pool.saved',
        actor: c.get('principal').name,
        workflowId: null,
        detail: `${pool.revision === 1 ? 'Created' : 'Saved'} the team pool "${pool.name}" (${pool.id}, revision ${pool.revision}, ${pool.reps.length} reps).`,
        data: { poolId: pool.id, revision: pool.revision, reps: pool.reps.length },
      },
      isoAt(ctx.clock),
    );
    return c.json(pool, pool.revision === 1 ? 201 : 200);
  });

  api.delete('/v1/team/pools/:poolId', 'editor', async (c) => {
    const id = poolIdOf(c.req.param('poolId'));
    const users = liveUsersOfPool(ctx.store, id);
    if (users.length > 0) {
      const names = users.map((u) => `${u.workflowId} v${u.version}`);
      throw new ProblemError(
        409,
        'pool_in_use',
        `The live version of ${[...new Set(names)].join(', ')} assigns leads from pool "${id}". Publish a version whose sales routes use another pool (or none) before deleting it.`,
        { usedBy: users },
      );
    }
    if (!(await ctx.handoff.deletePool(id))) throw poolNotFound(id);
    await ctx.store.appendAudit(
      {
        action: 'pool.deleted',
        actor: c.get('principal').name,
        workflowId: null,
        detail: `Deleted the team pool "${id}".`,
        data: { poolId: id },
      },
      isoAt(ctx.clock),
    );
    return c.body(null, 204);
  });
}
