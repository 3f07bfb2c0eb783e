import type { AuditEntry, AuditEvent, AuditFilter, AuditPage } from './types.ts';

/** The entry an event becomes as the `seq`-th of the trail. */
export const auditEntryOf = (event: AuditEvent, at: string, seq: number): AuditEntry => ({
  id: `au_${seq}`,
  seq,
  at,
  ...event,
});

const passes = (e: AuditEntry, f: AuditFilter, since: number, until: number): boolean => {
  if (f.workflow !== undefined && e.workflowId !== f.workflow) return false;
  if (f.actor !== undefined && e.actor !== f.actor) return false;
  if (f.action !== undefined && e.action !== f.action) return false;
  const at = Date.parse(e.at);
  return at >= since && at < until;
};

/**
 * One page of a trail held oldest first (so `seq` is the position + 1), newest first; the cursor is
 * the `seq` of the last entry of the page before.
 */
export function auditPageOf(
  trail: readonly AuditEntry[],
  filter: AuditFilter,
  cursor: string | undefined,
  limit: number,
): AuditPage {
  const since = filter.since === undefined ? -Infinity : Date.parse(filter.since);
  const until = filter.until === undefined ? Infinity : Date.parse(filter.until);
  const items: AuditEntry[] = [];
  let i = Math.min(trail.length, cursor === undefined ? trail.length : Number(cursor) - 1) - 1;
  for (; i >= 0 && items.length < limit; i--) {
    const e = trail[i]!;
    if (passes(e, filter, since, until)) items.push(e);
  }
  let more = false;
  for (; i >= 0 && items.length === limit && !more; i--) more = passes(trail[i]!, filter, since, until);
  return { items, nextCursor: more ? String(items.at(-1)!.seq) : null };
}
