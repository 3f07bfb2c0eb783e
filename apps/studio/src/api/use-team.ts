import { useEffect, useState } from 'react';
import { errorMessage } from './client.ts';
import type { Pool } from './types.ts';
import { runtime } from './workflows.ts';

/** The team as a page knows it: the pools, why they could not be read, or null while loading. */
export type Team = { pools: readonly Pool[] } | { error: string } | null;

/** The team's pools, read when the component mounts (the Team page may have changed them since). */
export function useTeam(): Team {
  const [team, setTeam] = useState<Team>(null);
  useEffect(() => {
    let live = true;
    runtime.pools().then(
      (pools) => live && setTeam({ pools }),
      (err) => live && setTeam({ error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return team;
}

/** The pool with this id, when the team has been read and has it. */
export const poolOf = (team: Team, id: string | undefined): Pool | undefined =>
  id && team && 'pools' in team ? team.pools.find((p) => p.id === id) : undefined;
