import { useEffect } from 'react';
import { useStudio } from '../store/studio-store.ts';
import { saveNow } from './saver.ts';

const DELAY_MS = 800;

/** Saves the draft a moment after the last edit; pauses on a conflict until the user decides. */
export function useAutosave(): void {
  const doc = useStudio((s) => s.doc);
  const savedDoc = useStudio((s) => s.savedDoc);
  const dragging = useStudio((s) => s.dragBase !== null);
  const conflict = useStudio((s) => s.save.status === 'conflict');

  useEffect(() => {
    if (!doc || dragging || conflict) return;
    if (doc === savedDoc) {
      // Undo can walk the draft back to what the runtime already holds.
      if (useStudio.getState().save.status === 'pending') useStudio.getState().setSave({ status: 'saved' });
      return;
    }
    const s = useStudio.getState();
    if (s.save.status !== 'saving') s.setSave({ status: 'pending' });
    const t = setTimeout(() => void saveNow(), DELAY_MS);
    return () => clearTimeout(t);
  }, [doc, savedDoc, dragging, conflict]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      const s = useStudio.getState();
      if (s.doc && s.doc !== s.savedDoc) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}
