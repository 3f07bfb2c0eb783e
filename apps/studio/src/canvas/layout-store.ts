import type { Workflow } from '@qualify/rules';
import { create } from 'zustand';
import { elk } from '../graph/elk.ts';
import { applyLayout, computeLayout, type Layout } from '../graph/layout.ts';
import { useStudio } from '../store/studio-store.ts';

interface LayoutState {
  /** The last layout computed for the open workflow; its routes are drawn while the steps stand where it put them. */
  layout: Layout | null;
  workflowId: string | null;
  tidying: boolean;
  /** Lays the workflow out without moving anything: a workflow saved laid out opens with its routes. */
  refresh(id: string, doc: Workflow): Promise<void>;
  /** "Tidy up": moves every step where the layout puts it (one undo step). */
  tidy(): Promise<boolean>;
}

export const useLayout = create<LayoutState>((set, get) => ({
  layout: null,
  workflowId: null,
  tidying: false,
  async refresh(id, doc) {
    if (get().workflowId !== id) set({ layout: null, workflowId: id });
    const layout = await computeLayout(doc, elk);
    if (get().workflowId === id) set({ layout });
  },
  async tidy() {
    const s = useStudio.getState();
    const id = s.meta?.id;
    if (!s.doc || !id || get().tidying) return false;
    const doc = s.doc;
    set({ tidying: true });
    try {
      const layout = await computeLayout(doc, elk);
      const now = useStudio.getState();
      // An edit made while the layout ran wins: tidy again to include it.
      if (now.doc !== doc || now.meta?.id !== id) return false;
      set({ layout, workflowId: id });
      now.commit(applyLayout(doc, layout));
      return true;
    } finally {
      set({ tidying: false });
    }
  },
}));
