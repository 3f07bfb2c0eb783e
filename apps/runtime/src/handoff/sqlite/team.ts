import type { Schedule } from '@qualify/rules';
import { type Candidate, repDay } from '../pick-owner.ts';
import type { LoadedPool, PoolRow, RepRow as RepRowOf } from '../rows/team.ts';
import { poolOf, repOf, toPool } from '../rows/team.ts';
import type { Pool, PoolInput, PutPoolResult } from '../types.ts';
import type { Ctx } from './context.ts';

type RepRow = RepRowOf<number>;

/** A pool's reps with today's count (each rep's local day) and their turn state. */
function candidates(ctx: Ctx, poolId: string, schedule: Schedule, nowMs: number): Candidate[] {
  const rows = ctx
    .q(
      `SELECT r.*, s.current FROM reps r LEFT JOIN pool_state s ON s.pool_id = r.pool_id AND s.rep_id = r.id
       WHERE r.pool_id = ? ORDER BY r.position`,
    )
    .all(poolId) as RepRow[];
  return rows.map((row) => {
    const rep = repOf(ctx, row, row.active === 1);
    return { ...rep, assignedToday: countToday(ctx, rep, schedule, nowMs), current: row.current ?? 0 };
  });
}

function countToday(
  ctx: Ctx,
  rep: { id: string; schedule?: Schedule },
  poolSchedule: Schedule,
  nowMs: number,
) {
  const row = ctx
    .q('SELECT count FROM rep_day_counts WHERE rep_id = ? AND day = ?')
    .get(rep.id, repDay(rep, poolSchedule, nowMs)) as { count: number } | undefined;
  return row?.count ?? 0;
}

export function loadPool(ctx: Ctx, id: string, nowMs: number): LoadedPool | undefined {
  const row = ctx.q('SELECT * FROM pools WHERE id = ?').get(id) as PoolRow | undefined;
  if (!row) return undefined;
  const schedule = ctx.schedule(row.schedule);
  return { ...poolOf(row, schedule), reps: candidates(ctx, row.id, schedule, nowMs) };
}

export function getPool(ctx: Ctx, id: string, nowMs: number): Pool | undefined {
  const loaded = loadPool(ctx, id, nowMs);
  return loaded && toPool(loaded);
}

export function listPools(ctx: Ctx, nowMs: number): Pool[] {
  const ids = ctx.q('SELECT id FROM pools ORDER BY name, id').all() as Array<{ id: string }>;
  return ids.map(({ id }) => getPool(ctx, id, nowMs) as Pool);
}

export function putPool(
  ctx: Ctx,
  input: PoolInput,
  expectedRevision: number | undefined,
  nowMs: number,
): PutPoolResult {
  const seen = new Set<string>();
  for (const rep of input.reps) {
    if (seen.has(rep.id)) throw new Error(`Rep ${rep.id} is in pool ${input.id} twice: list each rep once.`);
    seen.add(rep.id);
  }
  const current = ctx.q('SELECT revision FROM pools WHERE id = ?').get(input.id) as
    | { revision: number }
    | undefined;
  const revision = current?.revision ?? 0;
  if (expectedRevision !== undefined && expectedRevision !== revision) return { conflict: revision };
  ctx
    .q(
      `INSERT INTO pools (id, name, schedule, manager_email, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, schedule = excluded.schedule,
         manager_email = excluded.manager_email, revision = excluded.revision, updated_at = excluded.updated_at`,
    )
    .run(
      input.id,
      input.name,
      JSON.stringify(input.schedule),
      input.managerEmail ?? null,
      revision + 1,
      nowMs,
    );
  ctx.q('DELETE FROM reps WHERE pool_id = ?').run(input.id);
  const insert = ctx.q(
    `INSERT INTO reps (pool_id, position, id, name, email, weight, daily_cap, active, schedule, days_off)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  input.reps.forEach((rep, position) => {
    insert.run(
      input.id,
      position,
      rep.id,
      rep.name,
      rep.email,
      rep.weight ?? 1,
      rep.dailyCap ?? null,
      rep.active === false ? 0 : 1,
      rep.schedule ? JSON.stringify(rep.schedule) : null,
      JSON.stringify(rep.daysOff ?? []),
    );
  });
  return { ok: getPool(ctx, input.id, nowMs) as Pool };
}

export function deletePool(ctx: Ctx, id: string): boolean {
  ctx.q('DELETE FROM pool_state WHERE pool_id = ?').run(id);
  return ctx.q('DELETE FROM pools WHERE id = ?').run(id).changes > 0;
}

/** Records an assignment's use of the rep's cap (their local day) and the pool's new turn state. */
export function recordPick(
  ctx: Ctx,
  pool: LoadedPool,
  rep: Candidate | null,
  turn: Map<string, number>,
  nowMs: number,
) {
  const save = ctx.q(
    `INSERT INTO pool_state (pool_id, rep_id, current) VALUES (?, ?, ?)
     ON CONFLICT (pool_id, rep_id) DO UPDATE SET current = excluded.current`,
  );
  for (const candidate of pool.reps) {
    const value = turn.get(candidate.id) ?? candidate.current;
    if (value !== candidate.current) save.run(pool.id, candidate.id, value);
  }
  if (rep) {
    ctx
      .q(
        `INSERT INTO rep_day_counts (rep_id, day, count) VALUES (?, ?, 1)
         ON CONFLICT (rep_id, day) DO UPDATE SET count = count + 1`,
      )
      .run(rep.id, repDay(rep, pool.schedule, nowMs));
  }
}
