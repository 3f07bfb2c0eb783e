import type { LeadEventInput, LeadEventRecord } from '../types.ts';

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
