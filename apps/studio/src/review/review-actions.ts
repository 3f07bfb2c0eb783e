import { useEffect } from 'react';
import { errorMessage } from '../api/client.ts';
import { governance, type Proposal } from '../api/governance.ts';
import { useStudio } from '../store/studio-store.ts';

/** A proposal that was pending before and is now withdrawn for a reason (a save of the draft), if any. */
function withdrawnByEdit(before: readonly Proposal[], after: readonly Proposal[]): Proposal | undefined {
  const pending = new Set(
    before.filter((p) => p.status === 'open' || p.status === 'approved').map((p) => p.id),
  );
  return after.find((p) => pending.has(p.id) && p.status === 'withdrawn' && p.withdrawnReason);
}

/** Reads the open workflow's approval rule and proposals into the store; says so when a save withdrew one. */
export async function refreshReview(): Promise<void> {
  const id = useStudio.getState().meta?.id;
  if (!id) return;
  try {
    const [approval, proposals] = await Promise.all([governance.approval(id), governance.proposals(id)]);
    const s = useStudio.getState();
    if (s.meta?.id !== id) return;
    const gone = withdrawnByEdit(s.review.proposals ?? [], proposals);
    s.setReview({ approval, proposals, error: null });
    if (gone) s.notify('info', `Proposal ${gone.id} was withdrawn: ${gone.withdrawnReason}`);
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
