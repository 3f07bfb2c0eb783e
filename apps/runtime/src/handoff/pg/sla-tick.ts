import { eventData } from '../outbox.ts';
import { repSchedule } from '../pick-owner.ts';
import type { EmitInput } from '../rows/outbox.ts';
import { type DueStep, restartOf, type SlaDbRow, slaState } from '../rows/sla.ts';
import { reassignmentValues, reassignPick } from '../rows/sla-tick.ts';
import { dueTransitions } from '../sla-plan.ts';
import type { Owner, SlaTickResult } from '../types.ts';
import { json, type Tx } from './context.ts';
import { leadRow, setHolder } from './leads.ts';
import { Outbox } from './outbox.ts';
import { finishSla, scheduleOfRow, startSla } from './sla.ts';
import { loadPool, recordPick } from './team.ts';

/**
 * Applies what is due on live timers at nowMs, soonest first: the due-soon warning, the breach, each
 * escalation step. A timer is claimed by its lead's lock, taken without waiting: a timer whose lead
 * another replica's tick (or a hand-off, or a CRM event) holds is skipped, as FOR UPDATE SKIP LOCKED
 * skips a row, and whoever holds it applies it or the next tick does. Claimed, the timer is read again
 * (the latest committed state) and each change marks its row in the same transaction as its outbox
 * event, so a step is taken exactly once however many replicas tick, however often or late.
 */
export async function tickSla(tx: Tx, nowMs: number): Promise<SlaTickResult> {
  const due = await tx.all<{ id: string; lead_id: string }>(
    `SELECT d.id, s.lead_id FROM (
       SELECT id, due_soon_at AS t FROM handoff_sla WHERE status = 'open' AND due_soon_at <= $1
       UNION SELECT id, due_at AS t FROM handoff_sla WHERE status IN ('open', 'due_soon') AND due_at <= $1
       UNION SELECT sla_id AS id, due_at AS t FROM handoff_sla_steps WHERE done_at IS NULL AND due_at <= $1
     ) d JOIN handoff_sla s ON s.id = d.id ORDER BY d.t, d.id`,
    [nowMs],
  );
  const result: SlaTickResult = { dueSoon: 0, breached: 0, escalated: 0, deliveries: 0 };
  const seen = new Set<string>();
  for (const { id, lead_id } of due) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (!(await tx.tryLock(`lead:${lead_id}`))) continue;
    const row = await tx.get<SlaDbRow>('SELECT * FROM handoff_sla WHERE id = $1 FOR UPDATE', [id]);
    if (row) await applyDue(tx, row, nowMs, result);
  }
  return result;
}

async function applyDue(tx: Tx, row: SlaDbRow, nowMs: number, result: SlaTickResult) {
  const steps = await tx.all<DueStep>(
    'SELECT step, action, due_at, done_at FROM handoff_sla_steps WHERE sla_id = $1 ORDER BY step',
    [row.id],
  );
  const transitions = dueTransitions(slaState(row, steps), nowMs);
  if (transitions.length === 0) return;
  const owner = json<Owner>(row.owner);
  const outbox = new Outbox(tx);
  const lead = await leadRow(tx, row.lead_id);
  const workflow = lead
    ? { id: lead.workflow_id, version: lead.workflow_version }
    : { id: row.workflow_id, version: row.workflow_version };
  const base = { leadId: row.lead_id, decisionId: row.decision_id, workflow, at: nowMs };
  const send = async (e: Pick<EmitInput, 'type' | 'data'>) => {
    result.deliveries += await outbox.add({ ...base, ...e });
  };
  const dueAt = new Date(row.due_at).toISOString();
  for (const t of transitions) {
    if (t.kind === 'due_soon') {
      await tx.run(`UPDATE handoff_sla SET status = 'due_soon' WHERE id = $1`, [row.id]);
      await send({ type: 'sla.due_soon', data: eventData.sla(owner, dueAt) });
      result.dueSoon++;
    } else if (t.kind === 'breached') {
      await tx.run(`UPDATE handoff_sla SET status = 'breached' WHERE id = $1`, [row.id]);
      await send({ type: 'sla.breached', data: eventData.sla(owner, dueAt) });
      result.breached++;
    } else {
      result.escalated++;
      await tx.run('UPDATE handoff_sla_steps SET done_at = $1 WHERE sla_id = $2 AND step = $3', [
        nowMs,
        row.id,
        t.step,
      ]);
      if (t.action === 'remind_owner') {
        await send({ type: 'escalated', data: eventData.escalated(t.step, t.action, owner) });
      } else if (t.action === 'notify_manager') {
        // The pool's manager now (not when the clock started): the person to tell is whoever manages it today.
        const pool = row.pool
          ? await tx.get<{ manager_email: string | null }>(
              'SELECT manager_email FROM handoff_pools WHERE id = $1',
              [row.pool],
            )
          : undefined;
        await send({
          type: 'escalated',
          data: eventData.escalated(t.step, t.action, owner, pool?.manager_email ?? undefined),
        });
      } else {
        await reassign(tx, row, t.step, owner, nowMs, send);
      }
    }
  }
  await outbox.flush();
}

/**
 * Gives a breached lead to the next eligible rep other than its owner (the fallback queue when there is
 * none) and starts a new clock from now with the same terms.
 */
async function reassign(
  tx: Tx,
  row: SlaDbRow,
  step: number,
  owner: Owner | null,
  nowMs: number,
  send: (e: Pick<EmitInput, 'type' | 'data'>) => Promise<void>,
) {
  const team = row.pool ? await loadPool(tx, row.pool, nowMs, true) : undefined;
  const { pick, rep, newOwner, reasons } = reassignPick(row, team, owner, nowMs);
  if (team && pick) await recordPick(tx, team, pick.rep, pick.turn, nowMs);
  await tx.run('UPDATE handoff_sla_steps SET new_owner = $1 WHERE sla_id = $2 AND step = $3', [
    JSON.stringify(newOwner),
    row.id,
    step,
  ]);
  await finishSla(tx, row.id, 'closed', nowMs);
  await setHolder(tx, row.lead_id, newOwner, newOwner ? 'owner' : 'fallback', row.pool, row.queue);
  await tx.run(
    `INSERT INTO handoff_assignments (lead_id, decision_id, rep_id, pool_id, queue, kind, reasons, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    reassignmentValues(row, newOwner, reasons, nowMs),
  );
  const schedule = rep && team ? repSchedule(rep, team.schedule) : (team?.schedule ?? scheduleOfRow(tx, row));
  const next = await startSla(tx, restartOf(row, newOwner, nowMs, schedule));
  await send({ type: 'escalated', data: eventData.escalated(step, 'reassign', owner, undefined, newOwner) });
  await send({
    type: 'assigned',
    data: eventData.assigned(newOwner, row.pool, row.queue, reasons, next.dueAt),
  });
}
