import type { SlaDbRow, StartSla, StepRow } from '../rows/sla.ts';
import { LIVE, planOf, slaValues, startedSla, toSlaRowWith } from '../rows/sla.ts';
import type { Owner, SlaCounts, SlaFilter, SlaPage, SlaRow } from '../types.ts';
import { json, type Tx } from './context.ts';

/** Starts a timer (the lead's previous live one must be finished first) and points the lead at it. */
export async function startSla(tx: Tx, s: StartSla): Promise<SlaRow> {
  const plan = planOf(s);
  const id = tx.id('sla', s.startMs);
  // The timer, its steps and the lead's pointer to it in one statement.
  await tx.run(
    `WITH timer AS (
       INSERT INTO handoff_sla (id, lead_id, workflow_id, workflow_version, owner, owner_id, pool, queue, started_at,
         due_soon_at, due_at, accept_due_at, status, first_contact_hours, touches, working_hours, schedule, escalation,
         due_soon_hours, accept_within_hours, method, decision_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $15, $16, $17, $18, $19, $20, $21)),
     steps AS (
       INSERT INTO handoff_sla_steps (sla_id, step, action, after_hours, due_at)
       SELECT $1, * FROM unnest($22::int[], $23::text[], $24::float8[], $25::bigint[]))
     UPDATE handoff_leads SET sla_id = $1 WHERE id = $2`,
    [
      ...slaValues(id, s, plan),
      plan.steps.map((p) => p.step),
      plan.steps.map((p) => p.action),
      plan.steps.map((p) => p.afterHours),
      plan.steps.map((p) => p.dueAt),
    ],
  );
  return startedSla(id, s, plan);
}

export const scheduleOfRow = (tx: Tx, row: SlaDbRow) => (row.schedule ? tx.schedule(row.schedule) : null);

export const slaDbRow = (tx: Tx, id: string) =>
  tx.get<SlaDbRow>('SELECT * FROM handoff_sla WHERE id = $1', [id]);

/** Timers as the interface shows them, with their steps read in one query. */
export async function toSlaRows(tx: Tx, rows: SlaDbRow[]): Promise<SlaRow[]> {
  if (rows.length === 0) return [];
  const steps = await tx.all<StepRow>(
    'SELECT * FROM handoff_sla_steps WHERE sla_id = ANY($1::text[]) ORDER BY sla_id, step',
    [rows.map((r) => r.id)],
  );
  const bySla = new Map<string, StepRow[]>();
  for (const s of steps) bySla.set(s.sla_id, [...(bySla.get(s.sla_id) ?? []), s]);
  return rows.map((row) => toSlaRowWith(row, bySla.get(row.id) ?? []));
}

export async function readSla(tx: Tx, id: string | null): Promise<SlaRow | null> {
  const row = id ? await slaDbRow(tx, id) : undefined;
  return row ? ((await toSlaRows(tx, [row]))[0] as SlaRow) : null;
}

/** Ends a live timer: met, met late or closed. Steps not yet taken are dropped (they will never happen). */
export async function finishSla(tx: Tx, id: string, status: 'met' | 'met_late' | 'closed', atMs: number) {
  if (status === 'closed')
    await tx.run('UPDATE handoff_sla SET status = $1, closed_at = $2 WHERE id = $3', [status, atMs, id]);
  else
    await tx.run('UPDATE handoff_sla SET status = $1, met_at = $2, touched = touched + 1 WHERE id = $3', [
      status,
      atMs,
      id,
    ]);
  await tx.run('DELETE FROM handoff_sla_steps WHERE sla_id = $1 AND done_at IS NULL', [id]);
}

export async function listSla(tx: Tx, f: SlaFilter): Promise<SlaPage> {
  const where: string[] = [`status IN ${LIVE}`];
  const args: unknown[] = [];
  const add = (column: string, value: unknown) => {
    args.push(value);
    where.push(`${column} = $${args.length}`);
  };
  if (f.owner) add('owner_id', f.owner);
  if (f.pool) add('pool', f.pool);
  if (f.workflow) add('workflow_id', f.workflow);
  const counts = await slaCounts(tx, where.join(' AND '), args);
  if (f.status) add('status', f.status);
  if (f.cursor) {
    const [due, id] = Buffer.from(f.cursor, 'base64url').toString().split('|');
    args.push(Number(due), id);
    where.push(`(due_at > $${args.length - 1} OR (due_at = $${args.length - 1} AND id > $${args.length}))`);
  }
  args.push(f.limit + 1);
  const rows = await tx.all<SlaDbRow>(
    `SELECT * FROM handoff_sla WHERE ${where.join(' AND ')} ORDER BY due_at, id LIMIT $${args.length}`,
    args,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: await toSlaRows(tx, page),
    counts,
    nextCursor:
      rows.length > f.limit && last ? Buffer.from(`${last.due_at}|${last.id}`).toString('base64url') : null,
  };
}

async function slaCounts(tx: Tx, where: string, args: unknown[]): Promise<SlaCounts> {
  const sums = `count(*) FILTER (WHERE status = 'open') AS open,
    count(*) FILTER (WHERE status = 'due_soon') AS "dueSoon", count(*) FILTER (WHERE status = 'breached') AS breached`;
  type Sums = { open: number; dueSoon: number; breached: number };
  const n = (s: Sums) => ({ open: s.open, dueSoon: s.dueSoon, breached: s.breached });
  const total = (await tx.get<Sums>(`SELECT ${sums} FROM handoff_sla WHERE ${where}`, args)) as Sums;
  // NULLS FIRST: SQLite sorts a missing owner or pool first, and both stores answer alike.
  const byOwner = await tx.all<Sums & { owner: string | null }>(
    `SELECT owner_id, MAX(owner) AS owner, ${sums} FROM handoff_sla WHERE ${where}
     GROUP BY owner_id ORDER BY owner_id NULLS FIRST`,
    args,
  );
  const byPool = await tx.all<Sums & { pool: string | null }>(
    `SELECT pool, ${sums} FROM handoff_sla WHERE ${where} GROUP BY pool ORDER BY pool NULLS FIRST`,
    args,
  );
  return {
    ...n(total),
    byOwner: byOwner.map((r) => ({ owner: json<Owner>(r.owner), ...n(r) })),
    byPool: byPool.map((r) => ({ pool: r.pool, ...n(r) })),
  };
}
