import {
  type Decision,
  type PreparedWorkflow,
  type RouteResult,
  readPath,
  type Sla,
  type Stage,
} from '@qualify/rules';
import type { Ctx } from '../context.ts';
import type { AnswerHandoff, Evaluated } from '../evaluator.ts';
import type { HandoffRequest, HandoffResult } from './types.ts';

/**
 * The hand-off of an evaluation, around the rules: the stored stage of the leads with a lead id is read
 * first (one store call for a request or a batch group) so the rules see their current stage; after
 * the rules, each lead with a lead id or a sales route is handed to the store (one call, one
 * transaction), and its answer waits for the commit: an answer is an acknowledgement. A lead with no
 * lead id that goes to nurture or is disqualified costs nothing here.
 */

const NONE: ReadonlyMap<string, Stage> = new Map();

/** The stored stage of these leads (nulls and repeats ignored); no store call when none has an id. */
export function storedStages(ctx: Ctx, ids: readonly (string | null)[]): Promise<ReadonlyMap<string, Stage>> {
  const wanted = new Set<string>();
  for (const id of ids) if (id !== null) wanted.add(id);
  return wanted.size === 0 ? Promise.resolve(NONE) : ctx.handoff.getStages([...wanted]);
}

/** A lead the store must hear of: one it remembers (a lead id) or one sales must get (an owner, an SLA). */
export const needsHandoff = (e: Evaluated): boolean => e.leadId !== null || e.outcome.route?.kind === 'sales';

/** One evaluated lead waiting for its hand-off. */
export interface Pending {
  e: Evaluated;
  lead: Record<string, unknown>;
  /** The time the rules saw: the SLA starts then (a lead evaluated as of Friday 18:30 is due from then). */
  at: number;
  prepared: PreparedWorkflow;
  /** The stage stored for the lead when it was read before the rules (null: none, or no lead id). */
  storedStage: Stage | null;
}

interface SalesTerms {
  firstContactHours: number;
  touches: number;
  /** The owner field's path, split (owner stickiness), or null. */
  ownerPath: string[] | null;
}

/**
 * A sales route's first-contact hours and touches, which the receipt's `sla` carries but the summary
 * outcome does not, and the owner field's path: read once per route node from the compiled route (route
 * results are the prepared workflow's own objects, one per node, so no two apps share an entry).
 */
const termsByRoute = new WeakMap<RouteResult, SalesTerms>();

function salesTerms(route: RouteResult, prepared: PreparedWorkflow): SalesTerms {
  let terms = termsByRoute.get(route);
  if (!terms) {
    const node = prepared.artifact.nodes[route.nodeId] as
      | { route?: { sla?: Partial<SalesTerms> } }
      | undefined;
    const sla = node?.route?.sla;
    const owner = route.handoff?.ownerField;
    terms = {
      firstContactHours: sla?.firstContactHours ?? 24,
      touches: sla?.touches ?? 1,
      ownerPath: owner === undefined ? null : owner.split('.'),
    };
    termsByRoute.set(route, terms);
  }
  return terms;
}

function stickyOwnerOf(lead: Record<string, unknown>, parts: string[]): string | null {
  const v = readPath(lead, parts);
  if (typeof v === 'string') return v.trim() || null;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
}

export function requestOf({ e, lead, at, prepared, storedStage }: Pending): HandoffRequest {
  const o = e.outcome;
  const route = o.route;
  const req: HandoffRequest = {
    decisionId: e.decisionId,
    at,
    leadId: e.leadId,
    workflow: { id: e.workflowId, version: e.version },
    route: route && {
      kind: route.kind,
      target: route.target,
      ...(route.priority ? { priority: route.priority } : {}),
    },
    stage: o.stage,
    priorStage: o.priorStage,
    stageKept: o.stageKept,
    readStage: storedStage,
    score: o.score.total,
  };
  if (route?.recycle) req.recycle = route.recycle;
  if (route?.kind === 'sales') {
    const h = route.handoff;
    const { ownerPath, ...terms } = salesTerms(route, prepared);
    req.sales = {
      ...terms,
      ...(h
        ? {
            dueSoonHours: h.dueSoonHours,
            escalation: h.escalation,
            ...(h.acceptWithinHours !== undefined ? { acceptWithinHours: h.acceptWithinHours } : {}),
            ...(h.pool !== undefined ? { pool: h.pool, method: h.method ?? 'turn' } : {}),
            ...(h.ownerField !== undefined && ownerPath
              ? { ownerField: h.ownerField, stickyOwnerId: stickyOwnerOf(lead, ownerPath) }
              : {}),
          }
        : {}),
    };
  }
  return req;
}

/** The answer's `handoff` member: reasons in the full view only. */
function handoffView(r: HandoffResult, full: boolean) {
  return {
    leadId: r.leadId,
    priorStage: r.priorStage,
    stage: r.stage,
    stageKept: r.stageKept,
    owner: r.owner,
    pool: r.pool,
    queue: r.queue,
    assigned: r.assigned,
    ...(full ? { reasons: r.reasons } : {}),
    sla: r.sla && { dueAt: r.sla.dueAt, workingHours: r.sla.workingHours, status: r.sla.status },
  };
}

/** The receipt's SLA with the hand-off's owner (or queue) and working-hours due time. */
function receiptSla(sla: Sla | null, r: HandoffResult): Sla | null {
  return sla && r.sla ? { ...sla, owner: r.owner?.name ?? r.queue ?? sla.owner, dueAt: r.sla.dueAt } : sla;
}

/** The answer's `handoff` member (reasons in the full view only) and the receipt's SLA with owner and due time. */
export function answerOf(r: HandoffResult, e: Evaluated): AnswerHandoff {
  const full = e.view === 'full';
  const sla = full ? receiptSla((e.outcome as Decision).sla, r) : null;
  const answer: AnswerHandoff = { json: JSON.stringify(handoffView(r, full)), sla };
  if (r.stage !== e.outcome.stage) {
    const said = (x: string) => x.startsWith(`Kept at ${r.stage}:`) || x.startsWith(`Left at ${r.stage}:`);
    const reason = r.reasons.find(said) ?? `Kept at ${r.stage}.`;
    answer.restaged = { stage: r.stage, priorStage: r.priorStage, stageKept: r.stageKept, reason };
  }
  return answer;
}

/**
 * The draft's test evaluation: the hand-off the store would make for this lead now, worked out by the
 * same code as a real one and undone (docs/handoff.md "Previewing a hand-off"), so the test panel can
 * show the owner and due time with nothing assigned. Undefined when a real evaluation would not hand
 * the lead off (no lead id and not routed to sales).
 */
export async function previewHandoff(
  ctx: Ctx,
  input: {
    decision: Decision;
    leadId: string | null;
    workflowId: string;
    lead: Record<string, unknown>;
    at: number;
    prepared: PreparedWorkflow;
    storedStage: Stage | null;
  },
): Promise<{ sla: Sla | null; handoff: ReturnType<typeof handoffView> & { preview: true } } | undefined> {
  const { decision, leadId, workflowId, lead, at, prepared, storedStage } = input;
  // No decision is logged and the draft is no version: the request names neither.
  const e: Evaluated = {
    decisionId: 'preview',
    outcome: decision,
    leadId,
    view: 'full',
    workflowId,
    version: 0,
  };
  if (!needsHandoff(e)) return undefined;
  const req = {
    ...requestOf({ e, lead, at, prepared, storedStage }),
    workflow: { id: workflowId, version: null },
  };
  const [r] = await ctx.handoff.previewHandoff([req]);
  if (!r) return undefined;
  return { sla: receiptSla(decision.sla, r), handoff: { ...handoffView(r, true), preview: true } };
}

/** Hands the leads to the store in one call, wakes delivery when events were queued, and answers each. */
export async function handOff(ctx: Ctx, pending: readonly Pending[]): Promise<AnswerHandoff[]> {
  if (pending.length === 0) return [];
  const results = await ctx.handoff.handoff(pending.map(requestOf));
  let queued = 0;
  for (const r of results) queued += r.deliveries;
  if (queued > 0) ctx.deliverer.wake();
  return results.map((r, i) => answerOf(r, pending[i]!.e));
}
