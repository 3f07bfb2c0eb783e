import { repSchedule } from '../pick-owner.ts';
import { handoffResult, settleStage } from '../rows/handoff.ts';
import { handoffEvents, poolPick, salesTimer } from '../rows/handoff-steps.ts';
import { type Holder, holderUnchanged, slaOfLead } from '../rows/leads.ts';
import { isLive, type SlaBrief } from '../rows/sla.ts';
import type { planSla } from '../sla-plan.ts';
import type { HandoffRequest, HandoffResult, Owner } from '../types.ts';
import type { Tx } from './context.ts';
import { handoffLead, setHolder } from './leads.ts';
import { Outbox } from './outbox.ts';
import { finishSla, startSla } from './sla.ts';
import { loadPool, recordPick } from './team.ts';

/**
 * A hand-off worked out exactly as handoff() would (the same code, in a savepoint) and then undone:
 * who would get each lead, why, and the due time, with nothing written (no turn taken, no cap used,
 * no lead state, no outbox event). For the studio's test panel.
 */
export async function previewHandoff(tx: Tx, reqs: HandoffRequest[]): Promise<HandoffResult[]> {
  await tx.run('SAVEPOINT preview');
  try {
    const results: HandoffResult[] = [];
    for (const req of reqs) results.push(await handoff(tx, req));
    return results;
  } finally {
    await tx.run('ROLLBACK TO SAVEPOINT preview');
    await tx.run('RELEASE SAVEPOINT preview');
    tx.forgetKept();
  }
}

/**
 * One decision's hand-off, inside the caller's transaction (docs/handoff.md "Re-evaluating a known lead"):
 * the stage the rules decided, the owner kept or picked (caps, turn, stickiness, days off; the fallback
 * queue when nobody is eligible), the SLA timer started at a new assignment, and the outbox events.
 */
export async function handoff(tx: Tx, request: HandoffRequest): Promise<HandoffResult> {
  const { leadId, at } = request;
  // The lead's lock first: its hand-offs, CRM events and SLA steps take turns on every replica.
  if (leadId) await tx.lock(`lead:${leadId}`);
  const before = leadId ? await handoffLead(tx, leadId) : undefined;
  const settled = settleStage(request, before?.stage ?? null);
  const req = settled.req;
  if (leadId) {
    // Stored and staged in one statement (the SQLite store's insert, then setStage).
    await tx.run(
      `INSERT INTO handoff_leads (id, stage, workflow_id, workflow_version, last_decision_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET workflow_id = excluded.workflow_id, workflow_version = excluded.workflow_version,
         last_decision_id = excluded.last_decision_id, updated_at = excluded.updated_at,
         prior_stage = CASE WHEN handoff_leads.stage = excluded.stage THEN handoff_leads.prior_stage
           ELSE handoff_leads.stage END,
         stage = excluded.stage`,
      [leadId, req.stage, req.workflow.id, req.workflow.version, req.decisionId, at],
    );
  }
  let owner: Owner | null = before?.owner ? (JSON.parse(before.owner) as Owner) : null;
  let holder: Holder = before?.holder ?? null;
  let pool = before?.pool ?? null;
  let queue = before?.queue ?? null;
  let sla: SlaBrief | null = slaOfLead(before);
  const live = () => (sla && isLive(sla.status) ? sla : null);
  /** Closes the live timer, if any (a recycle, a new assignment): the answer then shows it closed. */
  const closeLive = async () => {
    const open = live();
    if (!open) return;
    await finishSla(tx, open.id, 'closed', at);
    sla = { ...open, status: 'closed' };
  };
  let assigned: HandoffResult['assigned'] = null;
  const reasons: string[] = settled.reason ? [settled.reason] : [];

  if (req.recycle && holder) {
    if (owner) reasons.push(`${owner.name} released: recycled to ${req.recycle.stage}`);
    owner = null;
    holder = null;
    await closeLive();
  }

  const sales = req.route?.kind === 'sales' ? req.route : null;
  let newHolder = false;
  // A lead without an id keeps no timer; its due time is still worked out for the answer.
  const anonymous: { due?: { dueAt: number; workingHours: string | null } } = {};
  if (sales) {
    const terms = req.sales;
    queue = sales.target;
    const begin = async (
      o: Owner | null,
      schedule: Parameters<typeof planSla>[0]['schedule'],
      poolId: string | null,
    ) => {
      if (!terms) return;
      await closeLive();
      const timer = salesTimer(req, terms, sales.target, o, poolId, schedule);
      if ('due' in timer) anonymous.due = timer.due;
      else sla = await startSla(tx, timer.start);
    };
    if (owner) {
      assigned = 'kept';
      reasons.push(`${owner.name} already owns the lead: kept (no new assignment)`);
    } else if (terms?.pool) {
      const team = await loadPool(tx, terms.pool, at, true);
      const { pick, reasons: picked } = poolPick(terms, terms.pool, team, at, sales.target);
      if (team && pick) await recordPick(tx, team, pick.rep, pick.turn, at);
      reasons.push(...picked);
      pool = terms.pool;
      if (pick?.rep && team) {
        owner = { id: pick.rep.id, name: pick.rep.name, email: pick.rep.email };
        holder = 'owner';
        assigned = 'new';
        newHolder = true;
        await begin(owner, repSchedule(pick.rep, team.schedule), team.id);
      } else {
        assigned = 'fallback';
        newHolder = holder !== 'fallback';
        holder = 'fallback';
        if (!live()) await begin(null, team?.schedule ?? null, terms.pool);
      }
    } else if (holder === null) {
      holder = 'queue';
      pool = null;
      await begin(null, null, null);
    }
    if (newHolder) {
      await tx.run(
        `INSERT INTO handoff_assignments (lead_id, decision_id, rep_id, pool_id, queue, kind, reasons, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [leadId, req.decisionId, owner?.id ?? null, pool, queue, assigned, JSON.stringify(reasons), at],
      );
    }
  }
  if (leadId && !holderUnchanged(before, { owner, holder, pool, queue, newHolder }))
    await setHolder(tx, leadId, owner, holder, pool, queue);

  const open = live();
  const dueAt = anonymous.due?.dueAt ?? (open ? Date.parse(open.dueAt) : null);
  const outbox = new Outbox(tx);
  let deliveries = 0;
  for (const e of handoffEvents({ req, owner, pool, queue, reasons, newHolder, dueAt }))
    deliveries += await outbox.add(e);
  await outbox.flush();

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
