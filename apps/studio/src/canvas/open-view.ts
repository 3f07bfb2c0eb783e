import type { Workflow } from '@qualify/rules';
import { nodeSize } from '../graph/node-size.ts';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The zoom at which a step's title (13.5 px) reads at 11 px or more on screen. */
export const READABLE_ZOOM = 0.85;
/** Padding around the whole workflow when it is fitted, as a share of the pane. */
export const FIT_PADDING = 0.1;
const MARGIN = 48;

/**
 * Where a workflow opens: the whole of it when it fits at a readable zoom (at most 1), else at zoom 1
 * with the start step at the left, halfway down the pane, and what follows it to its right.
 */
export function openingViewport(doc: Workflow, pane: { width: number; height: number }): Viewport {
  if (doc.nodes.length === 0) return { x: 0, y: 0, zoom: 1 };
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const n of doc.nodes) {
    const s = nodeSize(n);
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + s.width);
    y1 = Math.max(y1, n.position.y + s.height);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  const fit = Math.min(
    1,
    (pane.width * (1 - 2 * FIT_PADDING)) / w,
    (pane.height * (1 - 2 * FIT_PADDING)) / h,
  );
  if (fit >= READABLE_ZOOM) {
    return { x: (pane.width - w * fit) / 2 - x0 * fit, y: (pane.height - h * fit) / 2 - y0 * fit, zoom: fit };
  }
  const start = doc.nodes.find((n) => n.kind === 'start') ?? doc.nodes[0]!;
  const centreY = start.position.y + nodeSize(start).height / 2;
  return { x: MARGIN - start.position.x, y: pane.height / 2 - centreY, zoom: 1 };
}
