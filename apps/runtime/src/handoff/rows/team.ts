import type { Schedule } from '@qualify/rules';
import type { Candidate } from '../pick-owner.ts';
import type { Pool, Rep } from '../types.ts';
import { iso, type ParsesSchedules } from './convert.ts';

export interface PoolRow {
  id: string;
  name: string;
  schedule: string;
  manager_email: string | null;
  revision: number;
  updated_at: number;
}

/** A rep with the pool's turn state. `Flag` is how the store keeps `active`: SQLite 0/1, PostgreSQL boolean. */
export interface RepRow<Flag> {
  id: string;
  name: string;
  email: string;
  weight: number;
  daily_cap: number | null;
  active: Flag;
  schedule: string | null;
  days_off: string;
  current: number | null;
}

/** A pool as a pick sees it: its reps with today's count and their turn state. */
export interface LoadedPool extends Omit<Pool, 'reps'> {
  reps: Candidate[];
}

/** A pool's own fields, from its row and its schedule (already parsed). */
export const poolOf = (row: PoolRow, schedule: Schedule): Omit<LoadedPool, 'reps'> => ({
  id: row.id,
  name: row.name,
  schedule,
  ...(row.manager_email ? { managerEmail: row.manager_email } : {}),
  revision: row.revision,
  updatedAt: iso(row.updated_at) as string,
});

/** A rep from its row (`active` read from the store's flag by the caller), without today's count. */
export const repOf = (schedules: ParsesSchedules, row: RepRow<unknown>, active: boolean) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  weight: row.weight,
  dailyCap: row.daily_cap,
  active,
  ...(row.schedule ? { schedule: schedules.schedule(row.schedule) } : {}),
  daysOff: JSON.parse(row.days_off) as string[],
});

export const toPool = (loaded: LoadedPool): Pool => ({
  ...loaded,
  reps: loaded.reps.map(({ current: _turn, ...rep }): Rep => rep),
});
