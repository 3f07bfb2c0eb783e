import type { HandoffStore } from '../handoff/types.ts';
import type { ShadowRunner } from '../shadow/runner.ts';
import type { DecisionLogEntry, Store } from '../store.ts';
import { countsText, type ErasedCounts } from './counts.ts';

/** DELETE /v1/leads/{leadId}'s answer. */
export interface Erasure {
  /** The lead id or e-mail address asked for. */
  leadId: string;
  /** Whom it matched: the value itself, and the lead ids and e-mails its logged decisions carry. */
  matched: { leadIds: string[]; emails: string[] };
  erased: ErasedCounts;
}

/**
 * Who a lead id or an e-mail stands for: the value itself as a lead id (and, with an "@", as an
 * e-mail), and the lead ids and e-mails of every decision logged with it, so erasing a lead by its id
 * takes the decisions logged with its e-mail before it had an id, and erasing it by e-mail takes its
 * lead state. One step only: an e-mail found this way does not bring in further lead ids.
 */
async function identities(store: Store, value: string) {
  const leadIds = new Set([value]);
  const emails = new Set<string>();
  if (value.includes('@')) emails.add(value.toLowerCase());
  const seen = (e: DecisionLogEntry) => {
    if (e.leadId !== null) leadIds.add(e.leadId);
    if (e.email !== null) emails.add(e.email);
  };
  await store.scanDecisions({ lead: value }, seen);
  // E-mails are logged in lower case; a lead id keeps its case.
  const lower = value.toLowerCase();
  if (lower !== value) await store.scanDecisions({ lead: lower }, seen);
  return { leadIds, emails };
}

/**
 * Erases everything the runtime keeps about a lead (docs/runtime.md, "What the runtime keeps about a
 * lead"): its queued shadow evaluations, its hand-off state (deliveries not yet sent are cancelled),
 * then its decisions and shadow entries, each durable before the next starts. Whatever it never saw
 * counts 0: erasing twice answers zeros the second time.
 */
export async function eraseLead(
  deps: { store: Store; handoff: HandoffStore; shadow: ShadowRunner },
  value: string,
): Promise<Erasure> {
  const { leadIds, emails } = await identities(deps.store, value);
  deps.shadow.forget(leadIds);
  const handoff = await deps.handoff.eraseLeads([...leadIds]);
  const logs = await deps.store.eraseLead([...leadIds, ...emails]);
  return {
    leadId: value,
    matched: { leadIds: [...leadIds], emails: [...emails] },
    erased: { ...logs, ...handoff },
  };
}

/**
 * The audit trail's entry for an erasure: the fact and the counts, never the lead id or e-mail. A hash
 * would not do either: ids and e-mails are easy to guess, so a hash of one is still personal data.
 */
export const erasureAudit = (actor: string, erased: ErasedCounts) => ({
  action: 'lead.erased' as const,
  actor,
  workflowId: null,
  detail: `Erased a lead's data on request: ${countsText(erased)}.`,
  data: { ...erased },
});
