import { validate } from '@qualify/rules';
import { useEffect } from 'react';
import { useStudio } from '../store/studio-store.ts';

const DELAY_MS = 150;

/** Re-validates the draft shortly after every edit (positions alone cannot change the outcome). */
export function useValidation(): void {
  const doc = useStudio((s) => s.doc);
  const dragging = useStudio((s) => s.dragBase !== null);
  useEffect(() => {
    if (!doc || dragging) return;
    const t = setTimeout(() => useStudio.getState().setIssues(validate(doc)), DELAY_MS);
    return () => clearTimeout(t);
  }, [doc, dragging]);
}
