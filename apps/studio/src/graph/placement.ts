import type { Workflow } from '@qualify/rules';
import type { Position } from './edits.ts';
import { nodeSize, type Size } from './node-size.ts';

/**
 * Where a new step goes: beside the selected one or at a wanted point, moved to the nearest free
 * space so it never lands on top of another step. Boxes come from `nodeSize`, as the canvas draws them.
 */

const GAP = 40;

interface Box extends Position, Size {}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width + GAP / 2 &&
  b.x < a.x + a.width + GAP / 2 &&
  a.y < b.y + b.height + GAP / 2 &&
  b.y < a.y + a.height + GAP / 2;

/**
 * The first free place for a box of `size`, trying `want`, then rows below it (and above, unless
 * `downOnly`), then the next column to the right.
 */
export function freeSpot(doc: Workflow, want: Position, size: Size, downOnly = false): Position {
  const taken: Box[] = doc.nodes.map((n) => ({ ...n.position, ...nodeSize(n) }));
  const stepY = Math.round((size.height + GAP) / 2);
  for (let col = 0; col < 20; col++) {
    for (let i = 0; i < 24; i++) {
      const row = downOnly ? i : i % 2 ? (i + 1) / 2 : -i / 2;
      const p = { x: want.x + col * (size.width + GAP), y: want.y + row * stepY };
      const box = { ...p, ...size };
      if (!taken.some((t) => overlaps(box, t))) return { x: Math.round(p.x), y: Math.round(p.y) };
    }
  }
  return want;
}

/** A free place to the right of a step, level with it or below its other followers. */
export function besideStep(doc: Workflow, anchorId: string, size: Size): Position | null {
  const anchor = doc.nodes.find((n) => n.id === anchorId);
  if (!anchor) return null;
  const want = { x: anchor.position.x + nodeSize(anchor).width + GAP * 2, y: anchor.position.y };
  return freeSpot(doc, want, size, true);
}
