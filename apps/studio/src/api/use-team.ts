import { usePools } from '../team/use-pools.ts';
import type { Pool } from './team.ts';

/** The team as a page knows it: the pools, why they could not be read, or null while loading. */
export type Team = { pools: readonly Pool[] } | { error: string } | null;

/** The team's pools for a page that reads them (the receipt, the SLA view): the pickers' one list. */
export function useTeam(): Team {
  const { pools, error } = usePools();
  if (pools) return { pools };
  return error === null ? null : { error };
}

/** The pool with this id, when the team has been read and has it. */
export const poolOf = (team: Team, id: string | undefined): Pool | undefined =>
  id && team && 'pools' in team ? team.pools.find((p) => p.id === id) : undefined;
