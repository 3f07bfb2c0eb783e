import { useEffect } from 'react';
import { errorMessage } from '../api/client.ts';
import { governance } from '../api/governance.ts';
import { useStudio } from '../store/studio-store.ts';

/** Reads the open workflow's approval rule and proposals into the store. */
export async function refreshReview(): Promise<void> {
  const id = useStudio.getState().meta?.id;
  if (!id) return;
  try {
    const [approval, proposals] = await Promise.all([governance.approval(id), governance.proposals(id)]);
    if (useStudio.getState().meta?.id === id)
      useStudio.getState().setReview({ approval, proposals, error: null });
  } catch (err) {
    if (useStudio.getState().meta?.id === id) useStudio.getState().setReview({ error: errorMessage(err) });
  }
}

/**
 * Keeps the review state current: a save may have withdrawn the proposal, a publish may have used it.
 * Runs once per editor.
 */
export function useReviewSync(): void {
  const id = useStudio((s) => s.meta?.id);
  const revision = useStudio((s) => s.meta?.revision);
  const latest = useStudio((s) => s.meta?.latestVersion);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read whenever a save or publish changed the record
  useEffect(() => {
    void refreshReview();
  }, [id, revision, latest]);
}

/** Runs a review action, then re-reads the proposals and the record's bookkeeping. */
export async function afterReviewAction(message: string): Promise<void> {
  await refreshReview();
  useStudio.getState().notify('info', message);
}
