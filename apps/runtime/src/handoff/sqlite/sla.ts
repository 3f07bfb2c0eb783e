import type { SlaDbRow, StartSla, StepRow } from '../rows/sla.ts';
import { LIVE, planOf, slaValues, startedSla, toSlaRowWith } from '../rows/sla.ts';
import type { PlannedStep } from '../sla-plan.ts';
import type { Owner, SlaCounts, SlaFilter, SlaPage, SlaRow } from '../types.ts';
import { type Ctx, json } from './context.ts';

/** Starts a timer (the lead's previous live one must be finished first) and points the lead at it. */
export function startSla(ctx: Ctx, s: StartSla): SlaRow {
  const plan = planOf(s);
  const id = ctx.id('sla', s.startMs);
  ctx
    .q(
      `INSERT INTO sla (id, lead_id, workflow_id, workflow_version, owner, owner_id, pool, queue, started_at, due_soon_at,
         due_at, accept_due_at, status, first_contact_hours, touches, working_hours, schedule, escalation,
         due_soon_hours, accept_within_hours, method, decision_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(...slaValues(id, s, plan));
  const step = ctx.q(
    'INSERT INTO sla_steps (sla_id, step, action, after_hours, due_at) VALUES (?, ?, ?, ?, ?)',
  );
  for (const p of plan.steps as PlannedStep[]) step.run(id, p.step, p.action, p.afterHours, p.dueAt);
  ctx.q('UPDATE leads SET sla_id = ? WHERE id = ?').run(id, s.leadId);
  return startedSla(id, s, plan);
}

export const scheduleOfRow = (ctx: Ctx, row: SlaDbRow) => (row.schedule ? ctx.schedule(row.schedule) : null);

export const slaDbRow = (ctx: Ctx, id: string) =>
  ctx.q('SELECT * FROM sla WHERE id = ?').get(id) as SlaDbRow | undefined;

export function toSlaRow(ctx: Ctx, row: SlaDbRow): SlaRow {
  const steps = ctx.q('SELECT * FROM sla_steps WHERE sla_id = ? ORDER BY step').all(row.id) as StepRow[];
  return toSlaRowWith(row, steps);
}

export function readSla(ctx: Ctx, id: string | null): SlaRow | null {
  const row = id ? slaDbRow(ctx, id) : undefined;
  return row ? toSlaRow(ctx, row) : null;
}

/** Ends a live timer: met, met late or closed. Steps not yet taken are dropped (they will never happen). */
export function finishSla(ctx: Ctx, id: string, status: 'met' | 'met_late' | 'closed', atMs: number) {
  if (status === 'closed')
    ctx.q('UPDATE sla SET status = ?, closed_at = ? WHERE id = ?').run(status, atMs, id);
  else
    ctx.q('UPDATE sla SET status = ?, met_at = ?, touched = touched + 1 WHERE id = ?').run(status, atMs, id);
  ctx.q('DELETE FROM sla_steps WHERE sla_id = ? AND done_at IS NULL').run(id);
}

export function listSla(ctx: Ctx, f: SlaFilter): SlaPage {
  const where: string[] = [`status IN ${LIVE}`];
  const args: unknown[] = [];
  if (f.owner) {
    where.push('owner_id = ?');
    args.push(f.owner);
  }
  if (f.pool) {
    where.push('pool = ?');
    args.push(f.pool);
  }
  if (f.workflow) {
    where.push('workflow_id = ?');
    args.push(f.workflow);
  }
  const counts = slaCounts(ctx, where.join(' AND '), args);
  const pageWhere = [...where];
  const pageArgs = [...args];
  if (f.status) {
    pageWhere.push('status = ?');
    pageArgs.push(f.status);
  }
  if (f.cursor) {
    const [due, id] = Buffer.from(f.cursor, 'base64url').toString().split('|');
    pageWhere.push('(due_at > ? OR (due_at = ? AND id > ?))');
    pageArgs.push(Number(due), Number(due), id);
  }
  const rows = ctx.db
    .prepare(`SELECT * FROM sla WHERE ${pageWhere.join(' AND ')} ORDER BY due_at, id LIMIT ?`)
    .all(...pageArgs, f.limit + 1) as SlaDbRow[];
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => toSlaRow(ctx, row)),
    counts,
    nextCursor:
      rows.length > f.limit && last ? Buffer.from(`${last.due_at}|${last.id}`).toString('base64url') : null,
  };
}

function slaCounts(ctx: Ctx, where: string, args: unknown[]): SlaCounts {
  const sums = `SUM(status = 'open') AS open, SUM(status = 'due_soon') AS dueSoon, SUM(status = 'breached') AS breached`;
  type Sums = { open: number | null; dueSoon: number | null; breached: number | null };
  const n = (s: Sums) => ({ open: s.open ?? 0, dueSoon: s.dueSoon ?? 0, breached: s.breached ?? 0 });
  const total = ctx.db.prepare(`SELECT ${sums} FROM sla WHERE ${where}`).get(...args) as Sums;
  const byOwner = ctx.db
    .prepare(
      `SELECT owner_id, MAX(owner) AS owner, ${sums} FROM sla WHERE ${where} GROUP BY owner_id ORDER BY owner_id`,
    )
    .all(...args) as Array<Sums & { owner: string | null }>;
  const byPool = ctx.db
    .prepare(`SELECT pool, ${sums} FROM sla WHERE ${where} GROUP BY pool ORDER BY pool`)
    .all(...args) as Array<Sums & { pool: string | null }>;
  return {
    ...n(total),
    byOwner: byOwner.map((r) => ({ owner: json<Owner>(r.owner), ...n(r) })),
    byPool: byPool.map((r) => ({ pool: r.pool, ...n(r) })),
  };
}
