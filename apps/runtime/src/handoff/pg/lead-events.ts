import { eventData } from '../outbox.ts';
import { canonical, eventRecord, leadEventEffect } from '../rows/lead-events.ts';
import type { LeadRow } from '../rows/leads.ts';
import type {
  LeadDetail,
  LeadEventInput,
  LeadEventRecord,
  LeadEventResult,
  RecordEventResult,
} from '../types.ts';
import type { Tx } from './context.ts';
import { leadRow, setHolder, setStage, toLeadState } from './leads.ts';
import { Outbox } from './outbox.ts';
import { finishSla, slaDbRow } from './sla.ts';

/**
 * Applies a CRM event once: the same event id again answers the first result (nothing applied twice);
 * the same id with a different body is a conflict, since the CRM would be saying two things. The
 * event id's lock, then the lead's, make "seen before?" and the write one step across replicas.
 */
export async function recordEvent(
  tx: Tx,
  leadId: string,
  ev: LeadEventInput,
  nowMs: number,
): Promise<RecordEventResult> {
  await tx.lock(`event:${ev.eventId}`);
  await tx.lock(`lead:${leadId}`);
  const seen = await tx.get<{ lead_id: string; body: string; result: string }>(
    'SELECT lead_id, body, result FROM handoff_lead_events WHERE event_id = $1',
    [ev.eventId],
  );
  if (seen) {
    if (seen.lead_id !== leadId || seen.body !== canonical(ev)) return { conflict: true };
    return { ok: JSON.parse(seen.result) as LeadEventResult, duplicate: true };
  }
  const lead = await leadRow(tx, leadId);
  if (!lead) return { unknownLead: true };
  const atMs = ev.at ? Date.parse(ev.at) : nowMs;
  const slaRow = lead.sla_id ? await slaDbRow(tx, lead.sla_id) : undefined;
  const { live, effect } = leadEventEffect(lead, slaRow, ev, atMs);
  if ('invalid' in effect) return effect;

  if (effect.stageChange) await setStage(tx, leadId, effect.stage);
  if (effect.releaseOwner || ev.type === 'rejected')
    await setHolder(tx, leadId, null, null, lead.pool, lead.queue);
  for (const change of effect.sla) {
    if (!slaRow) break;
    if (change === 'touch')
      await tx.run('UPDATE handoff_sla SET touched = touched + 1 WHERE id = $1', [slaRow.id]);
    else if (live) await finishSla(tx, slaRow.id, change === 'close' ? 'closed' : change, atMs);
  }
  // Accepting or rejecting answers sales' commitment to decide within N hours.
  if (slaRow && (ev.type === 'accepted' || ev.type === 'rejected')) {
    await tx.run('UPDATE handoff_sla SET accepted_at = COALESCE(accepted_at, $1) WHERE id = $2', [
      atMs,
      slaRow.id,
    ]);
  }
  await tx.run('UPDATE handoff_leads SET updated_at = $1 WHERE id = $2', [nowMs, leadId]);
  if (effect.stageChange) {
    const { from, to, reason } = effect.stageChange;
    const outbox = new Outbox(tx);
    await outbox.add({
      type: 'stage.changed',
      leadId,
      decisionId: null,
      workflow: { id: lead.workflow_id, version: lead.workflow_version },
      data: eventData.stageChanged(from, to, reason),
      at: nowMs,
    });
    await outbox.flush();
  }
  const result: LeadEventResult = {
    eventId: ev.eventId,
    leadId,
    type: ev.type,
    applied: effect.applied,
    lead: await toLeadState(tx, (await leadRow(tx, leadId)) as LeadRow),
  };
  const record = eventRecord(ev, atMs, nowMs, effect.applied);
  await tx.run(
    `INSERT INTO handoff_lead_events (event_id, lead_id, type, body, record, result, at, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [ev.eventId, leadId, ev.type, canonical(ev), JSON.stringify(record), JSON.stringify(result), atMs, nowMs],
  );
  return { ok: result, duplicate: false };
}

export async function getLead(tx: Tx, leadId: string): Promise<LeadDetail | undefined> {
  const row = await leadRow(tx, leadId);
  if (!row) return undefined;
  const events = await tx.all<{ record: string }>(
    'SELECT record FROM handoff_lead_events WHERE lead_id = $1 ORDER BY received_at DESC, n DESC LIMIT 100',
    [leadId],
  );
  return {
    ...(await toLeadState(tx, row)),
    events: events.map((e) => JSON.parse(e.record) as LeadEventRecord),
  };
}
