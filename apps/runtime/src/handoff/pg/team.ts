import type { Schedule } from '@qualify/rules';
import { type Candidate, repDay } from '../pick-owner.ts';
import type { LoadedPool, PoolRow, RepRow as RepRowOf } from '../rows/team.ts';
import { poolOf, repOf, toPool } from '../rows/team.ts';
import type { Pool, PoolInput, PutPoolResult } from '../types.ts';
import type { Tx } from './context.ts';

type RepRow = RepRowOf<boolean>;

/**
 * Today's count of each rep (each rep's local day). For an assignment (`lock`), each rep's row for the
 * day is created if missing and locked (FOR UPDATE, in rep order so two transactions never wait on each
 * other crosswise): a rep in two pools is counted by one assignment at a time on every replica, so a
 * daily cap holds however many replicas assign at once.
 */
async function countsToday(tx: Tx, reps: Array<{ id: string; day: string }>, lock: boolean) {
  if (reps.length === 0) return new Map<string, number>();
  const ids = reps.map((r) => r.id);
  const days = reps.map((r) => r.day);
  if (lock) {
    await tx.run(
      `INSERT INTO handoff_rep_day_counts (rep_id, day, count) SELECT rep_id, day, 0
       FROM unnest($1::text[], $2::text[]) AS t(rep_id, day) ON CONFLICT DO NOTHING`,
      [ids, days],
    );
  }
  const rows = await tx.all<{ rep_id: string; count: number }>(
    `SELECT c.rep_id, c.count FROM handoff_rep_day_counts c
     JOIN unnest($1::text[], $2::text[]) AS t(rep_id, day) ON c.rep_id = t.rep_id AND c.day = t.day
     ORDER BY c.rep_id${lock ? ' FOR UPDATE OF c' : ''}`,
    [ids, days],
  );
  return new Map(rows.map((r) => [r.rep_id, r.count]));
}

const repWithTurn = (tx: Tx, row: RepRow) => ({ ...repOf(tx, row, row.active), current: row.current ?? 0 });

/** A pool's reps with today's count and their turn state. */
async function candidates(tx: Tx, poolId: string, schedule: Schedule, nowMs: number): Promise<Candidate[]> {
  const rows = await tx.all<RepRow>(
    `SELECT r.*, s.current FROM handoff_reps r
     LEFT JOIN handoff_pool_state s ON s.pool_id = r.pool_id AND s.rep_id = r.id
     WHERE r.pool_id = $1 ORDER BY r.position`,
    [poolId],
  );
  const reps = rows.map((row) => repWithTurn(tx, row));
  const counts = await countsToday(
    tx,
    reps.map((rep) => ({ id: rep.id, day: repDay(rep, schedule, nowMs) })),
    false,
  );
  return reps.map(({ current, ...rep }) => ({ ...rep, assignedToday: counts.get(rep.id) ?? 0, current }));
}

/**
 * A pool as a pick sees it. With `lock` (an assignment), the pool's row is locked first, so the turn
 * state read next is the latest committed on any replica and no other assignment from this pool runs
 * until this transaction ends; then each rep's count for the day is locked (countsToday).
 */
export async function loadPool(
  tx: Tx,
  id: string,
  nowMs: number,
  lock = false,
): Promise<LoadedPool | undefined> {
  if (lock) return lockedPool(tx, id, nowMs);
  const row = await tx.get<PoolRow>('SELECT * FROM handoff_pools WHERE id = $1', [id]);
  if (!row) return undefined;
  const schedule = tx.schedule(row.schedule);
  return {
    ...poolOf(row, schedule),
    reps: await candidates(tx, row.id, schedule, nowMs),
  };
}

const countKey = (repId: string, day: string) => `${repId}\n${day}`;

/**
 * A pool for an assignment: its row locked (then its reps and turn state read), and each rep's count for
 * the day locked. Both are kept in the transaction (Tx.lockedPools, Tx.lockedCounts): the next hand-off
 * of the group from this pool reads nothing again, only locks the counts of a day not seen yet.
 */
async function lockedPool(tx: Tx, id: string, nowMs: number): Promise<LoadedPool | undefined> {
  let pool = tx.lockedPools.get(id);
  if (!pool) {
    const row = await tx.get<PoolRow>('SELECT * FROM handoff_pools WHERE id = $1 FOR UPDATE', [id]);
    if (!row) return undefined;
    const schedule = tx.schedule(row.schedule);
    const reps = await tx.all<RepRow>(
      `SELECT r.*, s.current FROM handoff_reps r
       LEFT JOIN handoff_pool_state s ON s.pool_id = r.pool_id AND s.rep_id = r.id
       WHERE r.pool_id = $1 ORDER BY r.position`,
      [id],
    );
    pool = { ...poolOf(row, schedule), reps: reps.map((r) => ({ ...repWithTurn(tx, r), assignedToday: 0 })) };
    tx.lockedPools.set(id, pool);
  }
  const { schedule } = pool;
  const days = pool.reps.map((rep) => ({ id: rep.id, day: repDay(rep, schedule, nowMs) }));
  const missing = days.filter((d) => !tx.lockedCounts.has(countKey(d.id, d.day)));
  if (missing.length > 0) {
    const counts = await countsToday(tx, missing, true);
    for (const d of missing) tx.lockedCounts.set(countKey(d.id, d.day), counts.get(d.id) ?? 0);
  }
  return {
    ...pool,
    reps: pool.reps.map((rep, i) => {
      const d = days[i] as { id: string; day: string };
      return { ...rep, assignedToday: tx.lockedCounts.get(countKey(d.id, d.day)) ?? 0 };
    }),
  };
}

export async function getPool(tx: Tx, id: string, nowMs: number): Promise<Pool | undefined> {
  const loaded = await loadPool(tx, id, nowMs);
  return loaded && toPool(loaded);
}

export async function listPools(tx: Tx, nowMs: number): Promise<Pool[]> {
  const ids = await tx.all<{ id: string }>('SELECT id FROM handoff_pools ORDER BY name, id');
  const pools: Pool[] = [];
  for (const { id } of ids) pools.push((await getPool(tx, id, nowMs)) as Pool);
  return pools;
}

export async function putPool(
  tx: Tx,
  input: PoolInput,
  expectedRevision: number | undefined,
  nowMs: number,
): Promise<PutPoolResult> {
  const seen = new Set<string>();
  for (const rep of input.reps) {
    if (seen.has(rep.id)) throw new Error(`Rep ${rep.id} is in pool ${input.id} twice: list each rep once.`);
    seen.add(rep.id);
  }
  // The pool's lock (or, for a new pool, its id's) makes the revision check and the write one step
  // across replicas: two edits from the same revision are one success and one conflict.
  await tx.lock(`pool:${input.id}`);
  const current = await tx.get<{ revision: number }>(
    'SELECT revision FROM handoff_pools WHERE id = $1 FOR UPDATE',
    [input.id],
  );
  const revision = current?.revision ?? 0;
  if (expectedRevision !== undefined && expectedRevision !== revision) return { conflict: revision };
  await tx.run(
    `INSERT INTO handoff_pools (id, name, schedule, manager_email, revision, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, schedule = excluded.schedule,
       manager_email = excluded.manager_email, revision = excluded.revision, updated_at = excluded.updated_at`,
    [input.id, input.name, JSON.stringify(input.schedule), input.managerEmail ?? null, revision + 1, nowMs],
  );
  await tx.run('DELETE FROM handoff_reps WHERE pool_id = $1', [input.id]);
  if (input.reps.length > 0) {
    const col = <T>(f: (rep: PoolInput['reps'][number], position: number) => T) => input.reps.map(f);
    await tx.run(
      `INSERT INTO handoff_reps (pool_id, position, id, name, email, weight, daily_cap, active, schedule, days_off)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[],
         $8::boolean[], $9::text[], $10::text[])`,
      [
        input.id,
        col((_, position) => position),
        col((rep) => rep.id),
        col((rep) => rep.name),
        col((rep) => rep.email),
        col((rep) => rep.weight ?? 1),
        col((rep) => rep.dailyCap ?? null),
        col((rep) => rep.active !== false),
        col((rep) => (rep.schedule ? JSON.stringify(rep.schedule) : null)),
        col((rep) => JSON.stringify(rep.daysOff ?? [])),
      ],
    );
  }
  return { ok: (await getPool(tx, input.id, nowMs)) as Pool };
}

export async function deletePool(tx: Tx, id: string): Promise<boolean> {
  await tx.run('DELETE FROM handoff_pool_state WHERE pool_id = $1', [id]);
  return (await tx.run('DELETE FROM handoff_pools WHERE id = $1', [id])) > 0;
}

/** Records an assignment's use of the rep's cap (their local day) and the pool's new turn state. */
export async function recordPick(
  tx: Tx,
  pool: LoadedPool,
  rep: Candidate | null,
  turn: Map<string, number>,
  nowMs: number,
) {
  const changed = pool.reps.filter((c) => (turn.get(c.id) ?? c.current) !== c.current);
  if (changed.length > 0) {
    await tx.run(
      `INSERT INTO handoff_pool_state (pool_id, rep_id, current)
       SELECT $1, * FROM unnest($2::text[], $3::float8[])
       ON CONFLICT (pool_id, rep_id) DO UPDATE SET current = excluded.current`,
      [pool.id, changed.map((c) => c.id), changed.map((c) => turn.get(c.id) ?? c.current)],
    );
  }
  if (rep) {
    const day = repDay(rep, pool.schedule, nowMs);
    await tx.run(
      `INSERT INTO handoff_rep_day_counts (rep_id, day, count) VALUES ($1, $2, 1)
       ON CONFLICT (rep_id, day) DO UPDATE SET count = handoff_rep_day_counts.count + 1`,
      [rep.id, day],
    );
    const key = countKey(rep.id, day);
    if (tx.lockedCounts.has(key)) tx.lockedCounts.set(key, (tx.lockedCounts.get(key) ?? 0) + 1);
  }
  // The kept pool's turn moves with the pick (the counts above; the turn state here).
  const kept = tx.lockedPools.get(pool.id);
  if (kept) for (const c of kept.reps) c.current = turn.get(c.id) ?? c.current;
}
