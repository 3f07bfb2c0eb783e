import { Graph, layout } from '@dagrejs/dagre';
import type { Workflow } from '@qualify/rules';
import { moveNodes, type Position } from './edits.ts';

export interface Size {
  width: number;
  height: number;
}

const FALLBACK: Size = { width: 240, height: 110 };

/**
 * Lays the graph out left to right with dagre; node sizes come from the canvas when it has
 * measured them. Exits are ordered as their ports so "Yes" stays above "No".
 */
export function autoLayout(doc: Workflow, sizes: ReadonlyMap<string, Size>): Workflow {
  const g = new Graph<object, Size & { x: number; y: number }, object>({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) {
    const size = sizes.get(n.id) ?? FALLBACK;
    g.setNode(n.id, { width: size.width, height: size.height, x: 0, y: 0 });
  }
  for (const e of doc.edges) {
    if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to, {}, e.id);
  }
  layout(g);
  const positions = new Map<string, Position>();
  for (const n of doc.nodes) {
    const laid = g.node(n.id);
    if (!laid) continue;
    positions.set(n.id, { x: Math.round(laid.x - laid.width / 2), y: Math.round(laid.y - laid.height / 2) });
  }
  return moveNodes(doc, positions);
}
