import type { Workflow, WorkflowNode } from '@qualify/rules';
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { moveNodes, type Position } from './edits.ts';
import { entryAnchor, exitAnchors, nodeSize } from './node-size.ts';
import { exitLabel } from './ports.ts';

export type { Size } from './node-size.ts';

/** An edge as ELK routed it: the points of its orthogonal path and where its exit's label sits. */
export interface EdgeRoute {
  /** The connection it routes, so a reconnected edge is not drawn along an old route. */
  key: string;
  points: Position[];
  label: { text: string; x: number; y: number; width: number; height: number } | null;
}

/** Where the layout puts every step, and how it routes every edge between them. */
export interface Layout {
  positions: Map<string, Position>;
  /** Each step's height when laid out: a step whose exits changed since no longer fits its routes. */
  heights: Map<string, number>;
  routes: Map<string, EdgeRoute>;
}

export const edgeKey = (e: { from: string; port: string; to: string }) =>
  `${e.from}\u0000${e.port}\u0000${e.to}`;

const LABEL_HEIGHT = 18;
/** An edge label's width: about 7 px a character of the 11.5 px label font, plus its padding. */
export const labelWidth = (text: string) => Math.ceil(text.length * 7 + 12);

/**
 * ELK "layered", left to right: each step's exits are fixed ports down its right edge in the
 * kind's order (so "Yes" is above "No"), the entry a port on the left; edges are routed
 * orthogonally around the steps and make room for their exit's label.
 */
const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.edgeLabels.placement': 'CENTER',
};

/**
 * Above this many steps the layout trades a little polish for time (about 3.5× faster on 500 steps):
 * the simpler node placement and one pass of crossing reduction. Every example is far below it.
 */
const LARGE = 150;
const FAST: Record<string, string> = {
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.thoroughness': '1',
};

/** The document as an ELK graph. */
export function toElkGraph(doc: Workflow): ElkNode {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const children: ElkNode[] = doc.nodes.map((n) => {
    const size = nodeSize(n);
    const entry = entryAnchor(n);
    const ports = [
      ...(entry ? [{ ...entry, side: 'WEST' }] : []),
      ...exitAnchors(n).map((a) => ({ ...a, side: 'EAST' })),
    ];
    return {
      id: n.id,
      ...size,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: ports.map((p, i) => ({
        id: `${n.id}\u0000${p.id}`,
        x: p.x,
        y: p.y,
        width: 0,
        height: 0,
        layoutOptions: { 'elk.port.side': p.side, 'elk.port.index': String(i) },
      })),
    };
  });
  const edges: ElkExtendedEdge[] = [];
  for (const e of doc.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to || !ids.has(e.to) || e.from === e.to) continue;
    const hasExit = exitAnchors(from).some((a) => a.id === e.port);
    const text = exitLabel(from, e.port);
    edges.push({
      id: e.id,
      sources: [hasExit ? `${e.from}\u0000${e.port}` : e.from],
      targets: [entryAnchor(to) ? `${e.to}\u0000in` : e.to],
      ...(text ? { labels: [{ text, width: labelWidth(text), height: LABEL_HEIGHT }] } : {}),
    });
  }
  const layoutOptions = doc.nodes.length > LARGE ? { ...OPTIONS, ...FAST } : OPTIONS;
  return { id: 'root', layoutOptions, children, edges };
}

/** Lays the workflow out with ELK (in a worker in the browser, in-process under Node). */
export async function computeLayout(doc: Workflow, elk: ELK): Promise<Layout> {
  const laid = await elk.layout(toElkGraph(doc));
  const positions = new Map<string, Position>();
  const heights = new Map<string, number>();
  for (const c of laid.children ?? []) {
    positions.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
    heights.set(c.id, c.height ?? 0);
  }
  const byId = new Map(doc.edges.map((e) => [e.id, e]));
  const routes = new Map<string, EdgeRoute>();
  for (const e of laid.edges ?? []) {
    const edge = byId.get(e.id);
    const s = e.sections?.[0];
    if (!edge || !s) continue;
    // Rounded like the steps' positions, so the route meets the handles exactly.
    const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({
      x: Math.round(p.x),
      y: Math.round(p.y),
    }));
    const l = e.labels?.[0];
    const label =
      l?.text && l.x !== undefined && l.y !== undefined
        ? { text: l.text, x: l.x, y: l.y, width: l.width ?? 0, height: l.height ?? 0 }
        : null;
    routes.set(e.id, { key: edgeKey(edge), points, label });
  }
  return { positions, heights, routes };
}

/** Moves every step to where the layout puts it. */
export function applyLayout(doc: Workflow, layout: Layout): Workflow {
  return moveNodes(doc, layout.positions);
}

/** Whether the steps stand where the layout put them, with the boxes it laid out: its routes still hold. */
export function layoutIsCurrent(nodes: readonly WorkflowNode[], layout: Layout | null): boolean {
  if (!layout || layout.positions.size !== nodes.length) return false;
  return nodes.every((n) => {
    const p = layout.positions.get(n.id);
    return (
      p !== undefined &&
      p.x === n.position.x &&
      p.y === n.position.y &&
      layout.heights.get(n.id) === nodeSize(n).height
    );
  });
}
