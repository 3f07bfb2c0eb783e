import type { HandoffErased } from '../handoff/types.ts';
import type { LogCounts } from '../store.ts';

/** What an erasure or a sweep deleted, kind by kind: the logs' entries and the hand-off store's rows. */
export type ErasedCounts = LogCounts & HandoffErased;

const NAMES: Array<[keyof ErasedCounts, string, string]> = [
  ['decisions', 'decision', 'decisions'],
  ['shadowEntries', 'shadow entry', 'shadow entries'],
  ['leads', 'lead state', 'lead states'],
  ['assignments', 'assignment', 'assignments'],
  ['slaTimers', 'SLA timer', 'SLA timers'],
  ['leadEvents', 'lead event', 'lead events'],
  ['outboxEvents', 'outbox event', 'outbox events'],
  ['deliveries', 'delivery', 'deliveries'],
];

/**
 * The counts as a person reads them: "3 decisions, 1 lead state and 2 deliveries (1 cancelled before
 * it was sent)"; "nothing" when every count is 0.
 */
export function countsText(c: ErasedCounts): string {
  const parts = NAMES.filter(([k]) => c[k] > 0).map(([k, one, many]) => `${c[k]} ${c[k] === 1 ? one : many}`);
  if (parts.length === 0) return 'nothing';
  const last = parts.pop() as string;
  const text = parts.length ? `${parts.join(', ')} and ${last}` : last;
  return c.deliveriesCancelled > 0
    ? `${text} (${c.deliveriesCancelled} cancelled before ${c.deliveriesCancelled === 1 ? 'it was' : 'they were'} sent)`
    : text;
}
