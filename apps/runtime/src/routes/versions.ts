import { compile } from '@qualify/rules';
import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { ProblemError, versionNotFound, workflowNotFound } from '../problem.ts';
import { LiveBody, PublishBody } from '../schemas.ts';
import type { VersionRow } from '../store.ts';
import { parseWith } from '../validation.ts';
import { recordOf, versionOf, versionSummaryOf } from '../views.ts';
import { mustFind } from './workflows.ts';

const conflict = (current: number, asked: number) =>
  new ProblemError(
    409,
    'revision_conflict',
    `The draft is at revision ${current}, not ${asked}: it changed since you reviewed it. Review it again before publishing.`,
    { currentRevision: current },
  );

/** Publishing drafts as immutable versions and choosing which version is live. */
export function versionRoutes(api: Api, ctx: Ctx) {
  const limit = ctx.config.bodyLimitBytes;

  api.post('/v1/workflows/:id/publish', 'approver', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(PublishBody, (await readJson(c, limit, true)) ?? {});
    const row = mustFind(ctx, id);
    if (body.revision !== undefined && body.revision !== row.revision)
      throw conflict(row.revision, body.revision);
    const latest = row.versions.at(-1);
    if (latest && latest.fromRevision === row.revision) {
      throw new ProblemError(
        409,
        'nothing_to_publish',
        `The draft has not changed since version ${latest.number}. To bring that version back, make it live (PUT /v1/workflows/${id}/live).`,
        { latestVersion: latest.number },
      );
    }
    const number = row.versions.length + 1;
    const at = isoAt(ctx.clock);
    const version: VersionRow = {
      number,
      note: body.note,
      publishedBy: c.get('principal').name,
      publishedAt: at,
      fromRevision: row.revision,
      workflow: row.draft,
      artifact: compile(row.draft, { version: number }),
    };
    const result = await ctx.store.addVersion(id, version, at);
    if ('missing' in result) throw workflowNotFound(id);
    if ('conflict' in result) throw conflict(result.conflict, row.revision);
    // Prepared now, so the first evaluation after a publish pays nothing extra.
    ctx.prepared.get(result.ok, number);
    return c.json(versionOf(result.ok, version), 201);
  });

  api.get('/v1/workflows/:id/versions', 'evaluator', (c) => {
    const row = mustFind(ctx, c.req.param('id'));
    return c.json({ items: row.versions.map((v) => versionSummaryOf(row, v)).reverse() });
  });

  api.get('/v1/workflows/:id/versions/:n', 'evaluator', (c) => {
    const row = mustFind(ctx, c.req.param('id'));
    const n = Number(c.req.param('n'));
    const version = Number.isInteger(n) && n >= 1 ? row.versions[n - 1] : undefined;
    if (!version) throw versionNotFound(row.id, c.req.param('n').slice(0, 20));
    return c.json(versionOf(row, version));
  });

  api.put('/v1/workflows/:id/live', 'approver', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(LiveBody, await readJson(c, limit));
    const row = mustFind(ctx, id);
    if (!row.versions[body.version - 1]) throw versionNotFound(id, body.version);
    const updated = await ctx.store.setLive(id, body.version, isoAt(ctx.clock));
    if (!updated) throw versionNotFound(id, body.version);
    ctx.prepared.get(updated, body.version);
    return c.json(recordOf(updated));
  });
}
