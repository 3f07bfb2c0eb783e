import type { WorkflowNode } from '@qualify/rules';
import { hasEntry, portsOf } from './ports.ts';

/**
 * A step's box is sized from its exits alone, so the layout (in the browser, in a test and in
 * `examples/build-examples.ts`) knows every box without measuring the page. The node component
 * draws exactly these sizes (`.qs-node` in editor.css uses the same rows).
 */
export const NODE_WIDTH = 232;
/** The kind's colour bar (4) and the bottom border (1). */
const BORDERS = 5;
/** Icon row, one line of label, two lines of summary. */
const BODY = 28 + 20 + 42;
/** The exits list: its top border and padding, then one row per exit. */
const PORTS_PAD = 9;
export const PORT_ROW = 20;

export interface Size {
  width: number;
  height: number;
}

/** Where an exit's handle sits, from the box's top left corner. */
export interface Anchor {
  id: string;
  x: number;
  y: number;
}

function exitCount(node: Pick<WorkflowNode, 'kind' | 'data'>): number {
  return portsOf(node)?.length ?? 0;
}

// A step's data is replaced, never changed, on an edit: its box is computed once per version.
const sizes = new WeakMap<object, Size>();

/** The box of a step on the canvas. */
export function nodeSize(node: Pick<WorkflowNode, 'kind' | 'data'>): Size {
  const key = typeof node.data === 'object' && node.data !== null ? node.data : null;
  const known = key && sizes.get(key);
  if (known) return known;
  const exits = exitCount(node);
  const size = { width: NODE_WIDTH, height: BORDERS + BODY + (exits ? PORTS_PAD + exits * PORT_ROW : 0) };
  if (key) sizes.set(key, size);
  return size;
}

/** The exits' handles down the right edge, in the order of the kind's ports ("Yes" above "No"). */
export function exitAnchors(node: Pick<WorkflowNode, 'kind' | 'data'>): Anchor[] {
  const top = 4 + BODY + 5; // colour bar, body, the list's border and top padding
  return (portsOf(node) ?? []).map((p, i) => ({
    id: p.id,
    x: NODE_WIDTH,
    y: top + i * PORT_ROW + PORT_ROW / 2,
  }));
}

/** The entry handle, halfway down the left edge; null for "Lead arrives". */
export function entryAnchor(node: Pick<WorkflowNode, 'kind' | 'data'>): Anchor | null {
  return hasEntry(node.kind) ? { id: 'in', x: 0, y: nodeSize(node).height / 2 } : null;
}
