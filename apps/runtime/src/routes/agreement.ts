import { randomUUID } from 'node:crypto';
import { VolumeCounter } from '../agreement/volume.ts';
import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { versionNotFound, workflowNotFound } from '../problem.ts';
import { SignoffBody, VolumeQuery } from '../schemas.ts';
import type { SignoffRow } from '../store.ts';
import { parseWith } from '../validation.ts';
import { mustFind } from './workflows.ts';

/**
 * The per-workflow agreement between marketing and sales (the studio's SLA view): who signed off
 * which version, and how many leads each route can expect a week, from the decision log.
 */
export function agreementRoutes(api: Api, ctx: Ctx) {
  const limit = ctx.config.bodyLimitBytes;

  api.post('/v1/workflows/:id/signoffs', 'approver', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(SignoffBody, await readJson(c, limit));
    const row = mustFind(ctx, id);
    if (!row.versions[body.version - 1]) throw versionNotFound(id, body.version);
    const signoff: SignoffRow = {
      id: `so_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      ...body,
      recordedBy: c.get('principal').name,
      at: isoAt(ctx.clock),
    };
    const recorded = await ctx.store.addSignoff(id, signoff, {
      action: 'signoff.recorded',
      actor: signoff.recordedBy,
      workflowId: id,
      version: signoff.version,
      detail: `Recorded that ${signoff.name} (${signoff.title}) agrees to version ${signoff.version}.`,
      data: { signoffId: signoff.id },
    });
    if (!recorded) throw workflowNotFound(id);
    return c.json(signoff, 201);
  });

  api.get('/v1/workflows/:id/signoffs', 'evaluator', (c) => {
    const row = mustFind(ctx, c.req.param('id'));
    return c.json({ items: [...(row.signoffs ?? [])].reverse() });
  });

  api.get('/v1/workflows/:id/volume', 'evaluator', async (c) => {
    const { weeks } = ctx.queries.parse(c, VolumeQuery);
    const row = mustFind(ctx, c.req.param('id'));
    const counter = new VolumeCounter(row, weeks, ctx.clock.now());
    await ctx.store.scanDecisions({ workflow: row.id, since: counter.since }, (e) => counter.add(e));
    return c.json(counter.result());
  });
}
