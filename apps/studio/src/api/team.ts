import type { Schedule } from '@qualify/rules';
import { api } from './client.ts';

export type { Schedule };

/** One rep of a pool; `id` is the rep's user id in the CRM. */
export interface Rep {
  id: string;
  name: string;
  email: string;
  weight: number;
  dailyCap: number | null;
  active: boolean;
  /** Own hours and zone; without it the pool's. */
  schedule?: Schedule;
  daysOff: string[];
  /** Read only: leads assigned today, in the rep's local day. */
  assignedToday: number;
}

/** The reps a sales route assigns to, in turn. */
export interface Pool {
  id: string;
  name: string;
  schedule: Schedule;
  managerEmail?: string;
  reps: Rep[];
  revision: number;
  updatedAt: string;
}

export type RepInput = Omit<Rep, 'assignedToday'>;
export type PoolInput = Omit<Pool, 'reps' | 'revision' | 'updatedAt'> & {
  reps: RepInput[];
  revision?: number;
};

const pool = (id: string) => `/v1/team/pools/${encodeURIComponent(id)}`;

/** The team API (docs/api-contract.md, "Team"). */
export const team = {
  pools: () => api<{ items: Pool[] }>('GET', '/v1/team/pools').then((r) => r.items),
  pool: (id: string) => api<Pool>('GET', pool(id)),
  /** Creates or replaces; with `revision`, only if nobody saved the pool since (409 revision_conflict). */
  put: ({ id, ...body }: PoolInput) => api<Pool>('PUT', pool(id), body),
  remove: (id: string) => api<unknown>('DELETE', pool(id)),
};
