import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type Pool, team } from '../api/team.ts';

// One list for every form that picks a pool: selecting route after route does not ask the runtime each time.
let cached: { at: number; pools: Pool[] } | null = null;
const FRESH_MS = 15_000;

/** Called after a pool is saved or deleted here, so the next picker asks the runtime. */
export function forgetPools(): void {
  cached = null;
}

/** The team's pools for pickers; null while loading, with the error when the runtime could not tell. */
export function usePools(): { pools: Pool[] | null; error: string | null; reload: () => void } {
  const [pools, setPools] = useState<Pool[] | null>(cached?.pools ?? null);
  const [error, setError] = useState<string | null>(null);
  const [seq, setSeq] = useState(0);
  useEffect(() => {
    if (cached && Date.now() - cached.at < FRESH_MS && seq === 0) return;
    let on = true;
    team.pools().then(
      (list) => {
        cached = { at: Date.now(), pools: list };
        if (on) {
          setPools(list);
          setError(null);
        }
      },
      (err) => on && setError(errorMessage(err)),
    );
    return () => {
      on = false;
    };
  }, [seq]);
  return { pools, error, reload: () => setSeq((n) => n + 1) };
}
