import { decisionIdFloor } from './decision-id.ts';
import type { DecisionFilter } from './store.ts';

/**
 * The WHERE clause of a decision filter and page cursor over a table with the decision log's columns
 * (PostgreSQL's `decisions`, the embedded decision index), with the placeholder each dialect writes
 * for the i-th parameter (`$1`, `?`). Every term can be answered by an index ending in the id.
 */
export function decisionWhere(
  f: DecisionFilter,
  cursor: string | undefined,
  mark: (i: number) => string,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const terms: string[] = [];
  const p = (v: unknown) => mark(params.push(v));
  if (f.workflow !== undefined) terms.push(`workflow_id = ${p(f.workflow)}`);
  if (f.lead !== undefined) terms.push(`(lead_id = ${p(f.lead)} OR email = ${p(f.lead)})`);
  if (f.route !== undefined) terms.push(`route = ${p(f.route)}`);
  if (f.stage !== undefined) terms.push(`stage = ${p(f.stage)}`);
  if (f.since !== undefined) {
    const since = Date.parse(f.since);
    terms.push(`at >= ${p(new Date(since).toISOString())}`);
    // An id begins with the epoch milliseconds it was made at, never before its decision's time: the
    // same bound on the id lets every index ending in id stop at `since` instead of reading on.
    terms.push(`id >= ${p(decisionIdFloor(since))}`);
  }
  if (cursor !== undefined) terms.push(`id < ${p(cursor)}`);
  return { sql: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}
