import type { WorkflowNode } from '@qualify/rules';
import { useStudio } from './studio-store.ts';

/** The one selected node, or null when none or several are selected. */
export function useSelectedNode(): WorkflowNode | null {
  return useStudio((s) => {
    if (s.selectedNodes.length !== 1 || !s.doc) return null;
    const id = s.selectedNodes[0];
    return s.doc.nodes.find((n) => n.id === id) ?? null;
  });
}
