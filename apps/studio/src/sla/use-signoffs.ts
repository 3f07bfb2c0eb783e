import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { Signoff } from '../api/types.ts';
import { runtime } from '../api/workflows.ts';

/** A workflow's sign-offs, newest first, with a way to put a just-recorded one on top. */
export function useSignoffs(workflowId: string) {
  const [items, setItems] = useState<Signoff[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let on = true;
    runtime.signoffs(workflowId).then(
      (s) => on && setItems(s),
      (err) => on && setError(errorMessage(err)),
    );
    return () => {
      on = false;
    };
  }, [workflowId]);
  const added = useCallback((s: Signoff) => setItems((old) => [s, ...(old ?? [])]), []);
  return { items, error, added };
}
