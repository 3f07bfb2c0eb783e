import { applyLeadEvent } from '../lead-events.ts';
import type { LeadEventInput, LeadEventRecord } from '../types.ts';
import type { LeadRow } from './leads.ts';
import { isLive, type SlaDbRow } from './sla.ts';

/** The event as compared for idempotency: its fields in a fixed order, absent ones left out. */
export const canonical = (ev: LeadEventInput) =>
  JSON.stringify([ev.type, ev.at ?? null, ev.reason ?? null, ev.stage ?? null, ev.by ?? null]);

/** The event as the lead's history shows it. */
export const eventRecord = (
  ev: LeadEventInput,
  atMs: number,
  nowMs: number,
  applied: LeadEventRecord['applied'],
): LeadEventRecord => ({
  eventId: ev.eventId,
  type: ev.type,
  at: new Date(atMs).toISOString(),
  receivedAt: new Date(nowMs).toISOString(),
  reason: ev.reason ?? null,
  stage: ev.stage ?? null,
  by: ev.by ?? null,
  applied,
});

/**
 * What a CRM event does to a lead, from its row and its timer's (already read): the live timer, if
 * any, and the effect the lead-event rules work out (or why the event is invalid).
 */
export function leadEventEffect(
  lead: LeadRow,
  slaRow: SlaDbRow | undefined,
  ev: LeadEventInput,
  atMs: number,
) {
  const live = slaRow && isLive(slaRow.status) ? slaRow : undefined;
  const owner = lead.owner ? JSON.parse(lead.owner) : null;
  const effect = applyLeadEvent(
    { stage: lead.stage, owner, sla: live ? { status: live.status, dueAt: live.due_at } : null },
    ev,
    atMs,
  );
  return { live, effect };
}
