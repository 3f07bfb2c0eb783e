import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useStudio } from '../store/studio-store.ts';
import { fitWhole, isFitWholeKey } from './fit-whole.ts';

/** Typing in a form field keeps its own undo and delete; shortcuts apply everywhere else. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/**
 * Editor keyboard shortcuts: undo/redo, copy/paste, duplicate, delete, select all, fit the whole workflow,
 * C to connect the selected step.
 */
export function useShortcuts(): void {
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const s = useStudio.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (isFitWholeKey(e)) return run(() => fitWhole(flow));
      if (mod && key === 'z' && e.shiftKey) return run(s.redo);
      if (mod && key === 'z') return run(s.undo);
      if (mod && key === 'y') return run(s.redo);
      if (mod && key === 'c') return s.copySelection();
      if (mod && key === 'x') {
        s.copySelection();
        return run(s.deleteSelection);
      }
      if (mod && key === 'v') return run(s.paste);
      if (mod && key === 'd') return run(s.duplicateSelection);
      if (mod && key === 'a' && s.doc) {
        const doc = s.doc;
        return run(() =>
          s.select(
            doc.nodes.map((n) => n.id),
            doc.edges.map((x) => x.id),
          ),
        );
      }
      if (
        (e.key === 'Delete' || e.key === 'Backspace') &&
        (s.selectedNodes.length || s.selectedEdges.length)
      ) {
        return run(s.deleteSelection);
      }
      if (!mod && !e.altKey && key === 'c' && s.selectedNodes.length === 1) {
        return run(() => s.setConnecting(s.selectedNodes[0]!));
      }
      if (e.key === 'Escape') s.select([], []);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flow]);
}
