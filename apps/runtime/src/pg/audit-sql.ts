import type pg from 'pg';
import { auditEntryOf } from '../audit/trail.ts';
import type { AuditEvent, AuditFilter, AuditPage } from '../audit/types.ts';

/** One page of the audit trail, newest first; the cursor is the `seq` of the last entry of the page before. */
export async function listAuditSql(
  pool: pg.Pool,
  f: AuditFilter,
  cursor: string | undefined,
  limit: number,
): Promise<AuditPage> {
  const params: unknown[] = [];
  const terms: string[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (f.workflow !== undefined) terms.push(`workflow_id = ${p(f.workflow)}`);
  if (f.actor !== undefined) terms.push(`actor = ${p(f.actor)}`);
  if (f.action !== undefined) terms.push(`action = ${p(f.action)}`);
  if (f.since !== undefined) terms.push(`at >= ${p(new Date(f.since).toISOString())}`);
  if (f.until !== undefined) terms.push(`at < ${p(new Date(f.until).toISOString())}`);
  if (cursor !== undefined) terms.push(`seq < ${p(Number(cursor))}`);
  const { rows } = await pool.query<{ seq: string; at: Date; entry: AuditEvent }>(
    `SELECT seq, at, entry FROM audit ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}
     ORDER BY seq DESC LIMIT ${limit + 1}`,
    params,
  );
  const items = rows.slice(0, limit).map((r) => auditEntryOf(r.entry, r.at.toISOString(), Number(r.seq)));
  return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.seq) : null };
}
