import { compile, validate } from '@qualify/rules';
import type { Context } from 'hono';
import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import { isoAt } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { invalidRequest, ProblemError, workflowNotFound } from '../problem.ts';
import { DraftSchema, ListWorkflowsQuery, OptionalWorkflowBody, PutWorkflowBody } from '../schemas.ts';
import { newWorkflowRow, type WorkflowChange, type WorkflowRow } from '../store.ts';
import { parseWith } from '../validation.ts';
import { recordOf, summaryOf } from '../views.ts';

/** The stored row or 404. */
export function mustFind(ctx: Ctx, id: string): WorkflowRow {
  const row = ctx.store.getWorkflow(id);
  if (!row) throw workflowNotFound(id.slice(0, 100));
  return row;
}

/** A change to the stored row (`Store.changeWorkflow`), or 404. */
export async function changeRow(ctx: Ctx, id: string, at: string, fn: WorkflowChange): Promise<WorkflowRow> {
  const row = await ctx.store.changeWorkflow(id, at, fn);
  if (!row) throw workflowNotFound(id.slice(0, 100));
  return row;
}

/** The workflow from an optional `{ workflow }` body, else the stored draft. */
export async function documentFor(ctx: Ctx, c: Context, id: string) {
  const body = parseWith(OptionalWorkflowBody, (await readJson(c, ctx.config.bodyLimitBytes, true)) ?? {});
  return body.workflow ?? mustFind(ctx, id).draft;
}

/** Drafts: create, read, save with a revision check, archive; validate and compile without saving. */
export function workflowRoutes(api: Api, ctx: Ctx) {
  const limit = ctx.config.bodyLimitBytes;

  api.get('/v1/workflows', 'evaluator', (c) => {
    const q = ctx.queries.parse(c, ListWorkflowsQuery);
    const rows = ctx.store.listWorkflows().filter((w) => q.archived === 'true' || !w.archived);
    return c.json({ items: rows.map(summaryOf) });
  });

  api.post('/v1/workflows', 'editor', async (c) => {
    const draft = parseWith(DraftSchema, await readJson(c, limit));
    const at = isoAt(ctx.clock);
    const by = c.get('principal').name;
    // Whoever wrote the first draft edited it, as much as anyone who saves it later.
    const created = await ctx.store.createWorkflow(
      { ...newWorkflowRow(draft, at), draftEditors: [by] },
      {
        action: 'workflow.created',
        actor: by,
        workflowId: draft.id,
        revision: 1,
        detail: `Created the workflow "${String(draft.name).slice(0, 200)}".`,
      },
    );
    if (!created) {
      throw new ProblemError(
        409,
        'workflow_exists',
        `A workflow "${draft.id}" exists already; choose another id or PUT to it.`,
      );
    }
    return c.json(recordOf(created), 201);
  });

  api.get('/v1/workflows/:id', 'evaluator', (c) => c.json(recordOf(mustFind(ctx, c.req.param('id')))));

  api.put('/v1/workflows/:id', 'editor', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(PutWorkflowBody, await readJson(c, limit));
    if (body.workflow.id !== id) {
      throw invalidRequest([
        { path: 'workflow.id', message: `must be "${id.slice(0, 100)}", the id in the URL` },
      ]);
    }
    const result = await ctx.store.saveDraft(id, body.workflow, body.revision, isoAt(ctx.clock), {
      action: 'draft.saved',
      actor: c.get('principal').name,
      workflowId: id,
      revision: body.revision + 1,
      detail: `Saved the draft (revision ${body.revision + 1}).`,
    });
    if ('missing' in result) throw workflowNotFound(id.slice(0, 100));
    if ('conflict' in result) {
      throw new ProblemError(
        409,
        'revision_conflict',
        `The draft is at revision ${result.conflict}, not ${body.revision}: someone saved since you loaded it. Reload, merge and save again.`,
        { currentRevision: result.conflict },
      );
    }
    return c.json(recordOf(result.ok));
  });

  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    api.post(`/v1/workflows/:id/${action}`, 'editor', async (c) => {
      const id = c.req.param('id');
      const row = await ctx.store.setArchived(id, archived, isoAt(ctx.clock), {
        action: archived ? 'workflow.archived' : 'workflow.unarchived',
        actor: c.get('principal').name,
        workflowId: id,
        detail: archived ? 'Archived the workflow.' : 'Brought the workflow back from the archive.',
      });
      if (!row) throw workflowNotFound(id.slice(0, 100));
      return c.json(recordOf(row));
    });
  }

  api.post('/v1/workflows/:id/validate', 'evaluator', async (c) => {
    return c.json({ issues: validate(await documentFor(ctx, c, c.req.param('id'))) });
  });

  api.post('/v1/workflows/:id/compile', 'evaluator', async (c) => {
    return c.json({ artifact: compile(await documentFor(ctx, c, c.req.param('id'))) });
  });
}
