import { type PickResult, pickOwner } from '../pick-owner.ts';
import type { Owner } from '../types.ts';
import type { SlaDbRow } from './sla.ts';
import type { LoadedPool } from './team.ts';

/**
 * Whom a reassigning escalation step gives the lead: the timer's pool picks again without the current
 * owner; with no pool (or nobody eligible) the lead goes to the timer's queue.
 */
export function reassignPick(
  row: SlaDbRow,
  team: LoadedPool | undefined,
  owner: Owner | null,
  nowMs: number,
) {
  const queue = row.queue ?? '';
  const pick: PickResult | null = team
    ? pickOwner({
        pool: team,
        method: row.method ?? 'turn',
        nowMs,
        exclude: owner ? [owner.id] : [],
        fallbackQueue: queue,
      })
    : null;
  const rep = pick?.rep ?? null;
  const newOwner: Owner | null = rep ? { id: rep.id, name: rep.name, email: rep.email } : null;
  const reasons = pick?.reasons ?? [`No pool to reassign from: to the queue ${queue}`];
  return { pick, rep, newOwner, reasons };
}

/**
 * The assignment a reassigning step records, in the order both stores' INSERT names its columns:
 * lead_id, decision_id, rep_id, pool_id, queue, kind, reasons, at.
 */
export const reassignmentValues = (
  row: SlaDbRow,
  newOwner: Owner | null,
  reasons: string[],
  nowMs: number,
) => [
  row.lead_id,
  row.decision_id,
  newOwner?.id ?? null,
  row.pool,
  row.queue,
  newOwner ? 'reassigned' : 'fallback',
  JSON.stringify(reasons),
  nowMs,
];
