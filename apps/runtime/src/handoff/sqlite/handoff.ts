import { repSchedule } from '../pick-owner.ts';
import { handoffResult, settleStage } from '../rows/handoff.ts';
import { handoffEvents, poolPick, salesTimer } from '../rows/handoff-steps.ts';
import { type Holder, holderUnchanged, slaOfLead } from '../rows/leads.ts';
import { isLive, type SlaBrief } from '../rows/sla.ts';
import type { planSla } from '../sla-plan.ts';
import type { HandoffRequest, HandoffResult, Owner } from '../types.ts';
import type { Ctx } from './context.ts';
import { handoffLead, setHolder } from './leads.ts';
import { emit, sequencer } from './outbox.ts';
import { finishSla, startSla } from './sla.ts';
import { loadPool, recordPick } from './team.ts';

/**
 * A hand-off worked out exactly as handoff() would (the same code, in a savepoint) and then undone:
 * who would get each lead, why, and the due time, with nothing written (no turn taken, no cap used,
 * no lead state, no outbox event). For the studio's test panel.
 */
export function previewHandoff(ctx: Ctx, reqs: HandoffRequest[]): HandoffResult[] {
  ctx.db.exec('SAVEPOINT preview');
  try {
    return reqs.map((req) => handoff(ctx, req));
  } finally {
    ctx.db.exec('ROLLBACK TO preview');
    ctx.db.exec('RELEASE preview');
  }
}

/**
 * One decision's hand-off, inside the caller's transaction (docs/handoff.md "Re-evaluating a known lead"):
 * the stage the rules decided, the owner kept or picked (caps, turn, stickiness, days off; the fallback
 * queue when nobody is eligible), the SLA timer started at a new assignment, and the outbox events.
 */
export function handoff(ctx: Ctx, request: HandoffRequest): HandoffResult {
  const { leadId, at } = request;
  const before = leadId ? handoffLead(ctx, leadId) : undefined;
  const settled = settleStage(request, before?.stage ?? null);
  const req = settled.req;
  if (leadId) {
    // Stored and staged in one statement (setStage's rule: the stage before a change becomes the prior).
    ctx
      .q(
        `INSERT INTO leads (id, stage, workflow_id, workflow_version, last_decision_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET workflow_id = excluded.workflow_id, workflow_version = excluded.workflow_version,
           last_decision_id = excluded.last_decision_id, updated_at = excluded.updated_at,
           prior_stage = CASE WHEN stage = excluded.stage THEN prior_stage ELSE stage END, stage = excluded.stage`,
      )
      .run(leadId, req.stage, req.workflow.id, req.workflow.version, req.decisionId, at);
  }
  let owner: Owner | null = before?.owner ? (JSON.parse(before.owner) as Owner) : null;
  let holder: Holder = before?.holder ?? null;
  let pool = before?.pool ?? null;
  let queue = before?.queue ?? null;
  let sla: SlaBrief | null = slaOfLead(before);
  const live = () => (sla && isLive(sla.status) ? sla : null);
  /** Closes the live timer, if any (a recycle, a new assignment): the answer then shows it closed. */
  const closeLive = () => {
    const open = live();
    if (!open) return;
    finishSla(ctx, open.id, 'closed', at);
    sla = { ...open, status: 'closed' };
  };
  let assigned: HandoffResult['assigned'] = null;
  const reasons: string[] = settled.reason ? [settled.reason] : [];

  if (req.recycle && holder) {
    if (owner) reasons.push(`${owner.name} released: recycled to ${req.recycle.stage}`);
    owner = null;
    holder = null;
    closeLive();
  }

  const sales = req.route?.kind === 'sales' ? req.route : null;
  let newHolder = false;
  // A lead without an id keeps no timer; its due time is still worked out for the answer.
  const anonymous: { due?: { dueAt: number; workingHours: string | null } } = {};
  if (sales) {
    const terms = req.sales;
    queue = sales.target;
    const begin = (
      o: Owner | null,
      schedule: Parameters<typeof planSla>[0]['schedule'],
      poolId: string | null,
    ) => {
      if (!terms) return;
      closeLive();
      const timer = salesTimer(req, terms, sales.target, o, poolId, schedule);
      if ('due' in timer) anonymous.due = timer.due;
      else sla = startSla(ctx, timer.start);
    };
    if (owner) {
      assigned = 'kept';
      reasons.push(`${owner.name} already owns the lead: kept (no new assignment)`);
    } else if (terms?.pool) {
      const team = loadPool(ctx, terms.pool, at);
      const { pick, reasons: picked } = poolPick(terms, terms.pool, team, at, sales.target);
      if (team && pick) recordPick(ctx, team, pick.rep, pick.turn, at);
      reasons.push(...picked);
      pool = terms.pool;
      if (pick?.rep && team) {
        owner = { id: pick.rep.id, name: pick.rep.name, email: pick.rep.email };
        holder = 'owner';
        assigned = 'new';
        newHolder = true;
        begin(owner, repSchedule(pick.rep, team.schedule), team.id);
      } else {
        assigned = 'fallback';
        newHolder = holder !== 'fallback';
        holder = 'fallback';
        if (!live()) begin(null, team?.schedule ?? null, terms.pool);
      }
    } else if (holder === null) {
      holder = 'queue';
      pool = null;
      begin(null, null, null);
    }
    if (newHolder) {
      ctx
        .q(
          'INSERT INTO assignments (lead_id, decision_id, rep_id, pool_id, queue, kind, reasons, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(leadId, req.decisionId, owner?.id ?? null, pool, queue, assigned, JSON.stringify(reasons), at);
    }
  }
  if (leadId && !holderUnchanged(before, { owner, holder, pool, queue, newHolder }))
    setHolder(ctx, leadId, owner, holder, pool, queue);

  const open = live();
  const dueAt = anonymous.due?.dueAt ?? (open ? Date.parse(open.dueAt) : null);
  const seq = sequencer(ctx);
  let deliveries = 0;
  for (const e of handoffEvents({ req, owner, pool, queue, reasons, newHolder, dueAt }))
    deliveries += emit(ctx, seq, e);

  return handoffResult({
    req,
    owner,
    holder,
    pool,
    queue,
    assigned,
    reasons,
    sla,
    anonymousDue: anonymous.due,
    deliveries,
  });
}
