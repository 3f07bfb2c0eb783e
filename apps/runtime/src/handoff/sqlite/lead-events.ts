import { eventData } from '../outbox.ts';
import { canonical, eventRecord, leadEventEffect } from '../rows/lead-events.ts';
import type {
  LeadDetail,
  LeadEventInput,
  LeadEventRecord,
  LeadEventResult,
  RecordEventResult,
} from '../types.ts';
import type { Ctx } from './context.ts';
import { leadRow, setHolder, setStage, toLeadState } from './leads.ts';
import { emit, sequencer } from './outbox.ts';
import { finishSla, slaDbRow } from './sla.ts';

/**
 * Applies a CRM event once: the same event id again answers the first result (nothing applied twice);
 * the same id with a different body is a conflict, since the CRM would be saying two things.
 */
export function recordEvent(ctx: Ctx, leadId: string, ev: LeadEventInput, nowMs: number): RecordEventResult {
  const seen = ctx.q('SELECT lead_id, body, result FROM lead_events WHERE event_id = ?').get(ev.eventId) as
    | { lead_id: string; body: string; result: string }
    | undefined;
  if (seen) {
    if (seen.lead_id !== leadId || seen.body !== canonical(ev)) return { conflict: true };
    return { ok: JSON.parse(seen.result) as LeadEventResult, duplicate: true };
  }
  const lead = leadRow(ctx, leadId);
  if (!lead) return { unknownLead: true };
  const atMs = ev.at ? Date.parse(ev.at) : nowMs;
  const slaRow = lead.sla_id ? slaDbRow(ctx, lead.sla_id) : undefined;
  const { live, effect } = leadEventEffect(lead, slaRow, ev, atMs);
  if ('invalid' in effect) return effect;

  if (effect.stageChange) setStage(ctx, leadId, effect.stage);
  if (effect.releaseOwner || ev.type === 'rejected')
    setHolder(ctx, leadId, null, null, lead.pool, lead.queue);
  for (const change of effect.sla) {
    if (!slaRow) break;
    if (change === 'touch') ctx.q('UPDATE sla SET touched = touched + 1 WHERE id = ?').run(slaRow.id);
    else if (live) finishSla(ctx, slaRow.id, change === 'close' ? 'closed' : change, atMs);
  }
  // Accepting or rejecting answers sales' commitment to decide within N hours.
  if (slaRow && (ev.type === 'accepted' || ev.type === 'rejected')) {
    ctx.q('UPDATE sla SET accepted_at = COALESCE(accepted_at, ?) WHERE id = ?').run(atMs, slaRow.id);
  }
  ctx.q('UPDATE leads SET updated_at = ? WHERE id = ?').run(nowMs, leadId);
  if (effect.stageChange) {
    const { from, to, reason } = effect.stageChange;
    emit(ctx, sequencer(ctx), {
      type: 'stage.changed',
      leadId,
      decisionId: null,
      workflow: { id: lead.workflow_id, version: lead.workflow_version },
      data: eventData.stageChanged(from, to, reason),
      at: nowMs,
    });
  }
  const result: LeadEventResult = {
    eventId: ev.eventId,
    leadId,
    type: ev.type,
    applied: effect.applied,
    lead: toLeadState(ctx, leadRow(ctx, leadId) as NonNullable<ReturnType<typeof leadRow>>),
  };
  const record = eventRecord(ev, atMs, nowMs, effect.applied);
  ctx
    .q(
      'INSERT INTO lead_events (event_id, lead_id, type, body, record, result, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      ev.eventId,
      leadId,
      ev.type,
      canonical(ev),
      JSON.stringify(record),
      JSON.stringify(result),
      atMs,
      nowMs,
    );
  return { ok: result, duplicate: false };
}

export function getLead(ctx: Ctx, leadId: string): LeadDetail | undefined {
  const row = leadRow(ctx, leadId);
  if (!row) return undefined;
  const events = ctx
    .q('SELECT record FROM lead_events WHERE lead_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 100')
    .all(leadId) as Array<{ record: string }>;
  return { ...toLeadState(ctx, row), events: events.map((e) => JSON.parse(e.record) as LeadEventRecord) };
}
