import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type DiffAnswer, type DiffSide, governance } from '../api/governance.ts';
import { useStudio } from '../store/studio-store.ts';

export type DiffState = { diff: DiffAnswer } | { error: string } | null;

/**
 * The comparison of two sides of the open workflow, read again after each save (the draft moved on).
 * `null` sides read nothing.
 */
export function useDiff(from: DiffSide | null, to: DiffSide | null): DiffState {
  const id = useStudio((s) => s.meta?.id);
  const revision = useStudio((s) => s.meta?.revision);
  const [state, setState] = useState<DiffState>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a save changes what "draft" means
  useEffect(() => {
    if (!id || from === null || to === null) return setState(null);
    let live = true;
    setState(null);
    governance.diff(id, from, to).then(
      (diff) => live && setState({ diff }),
      (err) => live && setState({ error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [id, from, to, revision]);
  return state;
}
