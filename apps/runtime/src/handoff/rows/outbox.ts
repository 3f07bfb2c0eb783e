import type { EventType } from '../types.ts';

/** One event a change emits (a hand-off's, an SLA step's, a CRM event's). */
export interface EmitInput {
  type: EventType;
  leadId: string | null;
  decisionId: string | null;
  workflow: { id: string; version: number | null };
  data: Record<string, unknown>;
  at: number;
}
