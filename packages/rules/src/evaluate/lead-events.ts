import { EVENT_TIME, EVENTS_PATH, MAX_EVENTS } from '../model/events.ts';

/**
 * Why a lead cannot be evaluated as it came in: more events than one evaluation reads
 * (`too_many_events`), or an upload's events cell that is not JSON (`events_unreadable`). Every reader
 * answers it for that lead alone (a 422, a batch's error line, a backtest's bad row); the others go on.
 */
export interface LeadProblem {
  code: 'too_many_events' | 'events_unreadable';
  /** A sentence a person can act on, without a line number (readers of files add theirs). */
  message: string;
  /** How many events the lead carries (too_many_events). */
  events?: number;
}

const EXAMPLE = `[{"type":"page_view","url":"/pricing","${EVENT_TIME}":"2026-03-01T09:00:00Z"}]`;
const n = (v: number) => v.toLocaleString('en');

/**
 * The lead's events over `MAX_EVENTS`, or null. Only the length is read: whether the list and its
 * events are readable is the evaluation's business (a data issue, never a refusal).
 * @example eventsOverLimit({ events: new Array(1001).fill({}) })?.code // 'too_many_events'
 */
export function eventsOverLimit(lead: Record<string, unknown>): LeadProblem | null {
  const list = Object.hasOwn(lead, EVENTS_PATH) ? lead[EVENTS_PATH] : undefined;
  if (!Array.isArray(list) || list.length <= MAX_EVENTS) return null;
  return {
    code: 'too_many_events',
    events: list.length,
    message: `The lead carries ${n(list.length)} events; one evaluation reads at most ${n(MAX_EVENTS)}. Send the most recent ${n(MAX_EVENTS)} (older ones only count in events conditions without "in the last N days"), or keep a long history as lead fields, such as a count of pricing page views.`,
  };
}

/**
 * Reads the events a file carries in one cell (a CSV column mapped to `events`): JSON text, parsed;
 * anything already parsed (an NDJSON row's list) as it is. Text that is not JSON is the row's problem.
 * @example readEventsCell('[{"type":"demo","at":"2026-03-01"}]', 'events') // { value: [{ type: 'demo', at: '2026-03-01' }] }
 */
export function readEventsCell(cell: unknown, column: string): { value: unknown } | { problem: LeadProblem } {
  if (typeof cell !== 'string') return { value: cell };
  try {
    return { value: JSON.parse(cell) };
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : String(e);
    return {
      problem: {
        code: 'events_unreadable',
        message: `The events in column "${column.slice(0, 100)}" are not JSON (${why}). Write them as a JSON list, such as ${EXAMPLE}, with the cell quoted and its quotes doubled as CSV asks.`,
      },
    };
  }
}
