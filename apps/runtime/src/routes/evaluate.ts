import { compile, eventsOverLimit, MAX_EVENTS, type PreparedWorkflow, prepare } from '@qualify/rules';
import type { Api } from '../auth.ts';
import { readJson } from '../body.ts';
import type { Ctx } from '../context.ts';
import { handOff, needsHandoff, previewHandoff, storedStages } from '../handoff/evaluation.ts';
import { ProblemError, versionNotFound } from '../problem.ts';
import { DraftEvaluateBody, EvaluateBody, EvaluateQuery } from '../schemas.ts';
import type { WorkflowRow } from '../store.ts';
import { parseWith } from '../validation.ts';
import { mustFind } from './workflows.ts';

export interface Target {
  row: WorkflowRow;
  version: number;
  prepared: PreparedWorkflow;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The version a request evaluates: `?version=N`, else the live one. */
export function targetOf(ctx: Ctx, id: string, version: number | undefined): Target {
  const row = mustFind(ctx, id);
  const n = version ?? row.liveVersion;
  if (n === null) {
    throw new ProblemError(
      404,
      'version_not_found',
      `Workflow "${row.id}" has no live version yet; publish its draft first (POST /v1/workflows/${row.id}/publish).`,
    );
  }
  const prepared = ctx.prepared.get(row, n);
  if (!prepared) throw versionNotFound(row.id, n);
  return { row, version: n, prepared };
}

/** A lead that carries more events than one evaluation reads is refused, 422 `too_many_events`. */
function mustFitEventsLimit(lead: Record<string, unknown>): void {
  const over = eventsOverLimit(lead);
  if (!over) return;
  throw new ProblemError(422, 'too_many_events', over.message, { events: over.events, limit: MAX_EVENTS });
}

/**
 * Evaluating a lead: against a published version, logged and handed off (a lead with a lead id or a
 * sales route: stage, owner, SLA; answered once committed); against the draft, with no side effect.
 */
export function evaluateRoutes(api: Api, ctx: Ctx) {
  const limit = ctx.config.bodyLimitBytes;

  api.post('/v1/workflows/:id/evaluate', 'evaluator', async (c) => {
    const q = ctx.queries.parse(c, EvaluateQuery);
    const body = parseWith(EvaluateBody, await readJson(c, limit));
    const t = targetOf(ctx, c.req.param('id'), q.version);
    mustFitEventsLimit(body.lead);
    const at = body.now === undefined ? undefined : Date.parse(body.now);
    const nowMs = ctx.clock.now();
    const leadId = t.prepared.leadId(body.lead);
    const storedStage = leadId === null ? undefined : (await storedStages(ctx, [leadId])).get(leadId);
    const e = ctx.decider.run({
      prepared: t.prepared,
      workflowId: t.row.id,
      version: t.version,
      lead: body.lead,
      nowMs,
      evaluateAt: at,
      view: q.view,
      currentStage: storedStage,
    });
    const handoff = needsHandoff(e)
      ? (
          await handOff(ctx, [
            { e, lead: body.lead, at: at ?? nowMs, prepared: t.prepared, storedStage: storedStage ?? null },
          ])
        )[0]
      : undefined;
    const answer = ctx.decider.answer(e, undefined, handoff);
    // After the answer is built: the challenger runs later, on its own queue.
    ctx.shadow.offer({
      row: t.row,
      e,
      lead: body.lead,
      at: at ?? nowMs,
      currentStage: storedStage,
      loggedAt: nowMs,
    });
    // PostgreSQL: answered only once the decision is committed, so no answered decision is lost.
    await ctx.store.decisionsDurable();
    return c.body(answer, 200, JSON_HEADERS);
  });

  api.post('/v1/workflows/:id/draft/evaluate', 'editor', async (c) => {
    const id = c.req.param('id');
    const body = parseWith(DraftEvaluateBody, await readJson(c, limit));
    const prepared = body.workflow ? prepare(compile(body.workflow)) : ctx.drafts.get(mustFind(ctx, id));
    mustFitEventsLimit(body.lead);
    // As a real evaluation would: the stored stage first, then the hand-off, previewed (nothing written).
    const at = body.now === undefined ? ctx.clock.now() : Date.parse(body.now);
    const leadId = prepared.leadId(body.lead);
    const storedStage = leadId === null ? undefined : (await storedStages(ctx, [leadId])).get(leadId);
    const options = storedStage ? { now: at, currentStage: storedStage } : { now: at };
    const decision = prepared.evaluate(body.lead, options);
    const preview = await previewHandoff(ctx, {
      decision,
      leadId,
      workflowId: id,
      lead: body.lead,
      at,
      prepared,
      storedStage: storedStage ?? null,
    });
    return c.json(preview ? { ...decision, sla: preview.sla, handoff: preview.handoff } : decision);
  });
}
