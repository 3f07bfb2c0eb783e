import type { Attempt, DeliveryStatus, EventType } from '../api/webhooks.ts';

export const DELIVERY_LABEL: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed, retrying',
  dead: 'Gave up',
};
export const DELIVERY_CHIP: Record<DeliveryStatus, string> = {
  pending: 'is-draft',
  delivered: 'is-live',
  failed: 'is-pending',
  dead: 'is-bad',
};

export const EVENT_LABEL: Record<EventType, string> = {
  decision: 'Decision made',
  'stage.changed': 'Stage changed',
  assigned: 'Owner assigned',
  'sla.due_soon': 'SLA due soon',
  'sla.breached': 'SLA breached',
  escalated: 'Escalated',
};

/** A delivered body as people read it: JSON indented, anything else as sent. */
export function prettyBody(body: unknown): string {
  if (typeof body === 'string') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return body === undefined ? '' : JSON.stringify(body, null, 2);
}

/** One attempt's outcome in words: "HTTP 200 in 84 ms", "HTTP 500: Internal error in 1.2 s", "timed out". */
export function attemptText(a: Attempt): string {
  const took =
    a.durationMs < 1000 ? `${Math.round(a.durationMs)} ms` : `${(a.durationMs / 1000).toFixed(1)} s`;
  const status = a.status ? `HTTP ${a.status}` : 'No answer';
  return `${status}${a.error ? `: ${a.error}` : ''} in ${took}`;
}

/** Webhook URLs must be absolute http(s); the runtime says the same, this says it before the round trip. */
export function urlProblem(url: string): string | null {
  const u = url.trim();
  if (!u) return 'Enter the URL that receives the events.';
  try {
    const parsed = new URL(u);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      return 'The URL starts with https:// (or http:// for a test receiver).';
    return null;
  } catch {
    return `"${u}" is not a URL: write it whole, like https://crm.example.com/hooks/qualify.`;
  }
}
