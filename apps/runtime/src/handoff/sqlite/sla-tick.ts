import { eventData } from '../outbox.ts';
import { repSchedule } from '../pick-owner.ts';
import type { EmitInput } from '../rows/outbox.ts';
import { type DueStep, restartOf, type SlaDbRow, slaState } from '../rows/sla.ts';
import { reassignmentValues, reassignPick } from '../rows/sla-tick.ts';
import { dueTransitions } from '../sla-plan.ts';
import type { Owner, SlaTickResult } from '../types.ts';
import { type Ctx, json } from './context.ts';
import { leadRow, setHolder } from './leads.ts';
import { emit, sequencer } from './outbox.ts';
import { finishSla, scheduleOfRow, slaDbRow, startSla } from './sla.ts';
import { loadPool, recordPick } from './team.ts';

/**
 * Applies what is due on live timers at nowMs, soonest first: the due-soon warning, the breach, each
 * escalation step. Each change marks its row in the same transaction as its outbox event, so a step
 * is taken exactly once however often or late the tick runs.
 */
export function tickSla(ctx: Ctx, nowMs: number): SlaTickResult {
  // Each part's status term repeats its partial index's condition word for word, so SQLite reads only
  // live timers (the table keeps every timer ever started).
  const ids = ctx
    .q(
      `SELECT id, due_soon_at AS t FROM sla WHERE status = 'open' AND due_soon_at <= ?
       UNION SELECT id, due_at AS t FROM sla WHERE status IN ('open', 'due_soon', 'breached') AND status != 'breached' AND due_at <= ?
       UNION SELECT sla_id AS id, due_at AS t FROM sla_steps WHERE done_at IS NULL AND due_at <= ?
       ORDER BY t`,
    )
    .all(nowMs, nowMs, nowMs) as Array<{ id: string }>;
  const result: SlaTickResult = { dueSoon: 0, breached: 0, escalated: 0, deliveries: 0 };
  for (const id of new Set(ids.map((r) => r.id))) {
    const row = slaDbRow(ctx, id);
    if (row) applyDue(ctx, row, nowMs, result);
  }
  return result;
}

function applyDue(ctx: Ctx, row: SlaDbRow, nowMs: number, result: SlaTickResult) {
  const steps = ctx
    .q('SELECT step, action, due_at, done_at FROM sla_steps WHERE sla_id = ?')
    .all(row.id) as DueStep[];
  const transitions = dueTransitions(slaState(row, steps), nowMs);
  const owner = json<Owner>(row.owner);
  const seq = sequencer(ctx);
  const lead = leadRow(ctx, row.lead_id);
  const workflow = lead
    ? { id: lead.workflow_id, version: lead.workflow_version }
    : { id: row.workflow_id, version: row.workflow_version };
  const base = { leadId: row.lead_id, decisionId: row.decision_id, workflow, at: nowMs };
  const send = (e: Pick<EmitInput, 'type' | 'data'>) => {
    result.deliveries += emit(ctx, seq, { ...base, ...e });
  };
  const dueAt = new Date(row.due_at).toISOString();
  for (const t of transitions) {
    if (t.kind === 'due_soon') {
      ctx.q(`UPDATE sla SET status = 'due_soon' WHERE id = ?`).run(row.id);
      send({ type: 'sla.due_soon', data: eventData.sla(owner, dueAt) });
      result.dueSoon++;
    } else if (t.kind === 'breached') {
      ctx.q(`UPDATE sla SET status = 'breached' WHERE id = ?`).run(row.id);
      send({ type: 'sla.breached', data: eventData.sla(owner, dueAt) });
      result.breached++;
    } else {
      result.escalated++;
      ctx.q('UPDATE sla_steps SET done_at = ? WHERE sla_id = ? AND step = ?').run(nowMs, row.id, t.step);
      if (t.action === 'remind_owner') {
        send({ type: 'escalated', data: eventData.escalated(t.step, t.action, owner) });
      } else if (t.action === 'notify_manager') {
        // The pool's manager now (not when the clock started): the person to tell is whoever manages it today.
        const pool = row.pool
          ? (ctx.q('SELECT manager_email FROM pools WHERE id = ?').get(row.pool) as
              | { manager_email: string | null }
              | undefined)
          : undefined;
        send({
          type: 'escalated',
          data: eventData.escalated(t.step, t.action, owner, pool?.manager_email ?? undefined),
        });
      } else {
        reassign(ctx, row, t.step, owner, nowMs, send);
      }
    }
  }
}

/**
 * Gives a breached lead to the next eligible rep other than its owner (the fallback queue when there is
 * none) and starts a new clock from now with the same terms.
 */
function reassign(
  ctx: Ctx,
  row: SlaDbRow,
  step: number,
  owner: Owner | null,
  nowMs: number,
  send: (e: Pick<EmitInput, 'type' | 'data'>) => void,
) {
  const team = row.pool ? loadPool(ctx, row.pool, nowMs) : undefined;
  const { pick, rep, newOwner, reasons } = reassignPick(row, team, owner, nowMs);
  if (team && pick) recordPick(ctx, team, pick.rep, pick.turn, nowMs);
  ctx
    .q('UPDATE sla_steps SET new_owner = ? WHERE sla_id = ? AND step = ?')
    .run(JSON.stringify(newOwner), row.id, step);
  finishSla(ctx, row.id, 'closed', nowMs);
  setHolder(ctx, row.lead_id, newOwner, newOwner ? 'owner' : 'fallback', row.pool, row.queue);
  ctx
    .q(
      'INSERT INTO assignments (lead_id, decision_id, rep_id, pool_id, queue, kind, reasons, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(...reassignmentValues(row, newOwner, reasons, nowMs));
  const schedule =
    rep && team ? repSchedule(rep, team.schedule) : (team?.schedule ?? scheduleOfRow(ctx, row));
  const next = startSla(ctx, restartOf(row, newOwner, nowMs, schedule));
  send({ type: 'escalated', data: eventData.escalated(step, 'reassign', owner, undefined, newOwner) });
  send({ type: 'assigned', data: eventData.assigned(newOwner, row.pool, row.queue, reasons, next.dueAt) });
}
