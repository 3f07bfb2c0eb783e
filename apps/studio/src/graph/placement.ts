import type { Workflow } from '@qualify/rules';
import type { Position } from './edits.ts';
import type { Size } from './layout.ts';

/**
 * Where a new step goes: beside the selected one or at a wanted point, moved to the nearest free
 * space so it never lands on top of another step. Sizes are the canvas's measurements where it has
 * them; a step not yet drawn is assumed from its exits.
 */

const GAP = 40;
const FALLBACK: Size = { width: 240, height: 120 };

interface Box extends Position, Size {}

/** A step's expected size before the canvas measures it: its head and one row per exit. */
export const expectedSize = (exits: number): Size => ({ width: 240, height: 96 + 26 * exits });

function boxes(doc: Workflow, sizes: Readonly<Record<string, Size>>): Box[] {
  return doc.nodes.map((n) => ({ ...n.position, ...(sizes[n.id] ?? FALLBACK) }));
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width + GAP / 2 &&
  b.x < a.x + a.width + GAP / 2 &&
  a.y < b.y + b.height + GAP / 2 &&
  b.y < a.y + a.height + GAP / 2;

/**
 * The first free place for a box of `size`, trying `want`, then rows below it (and above, unless
 * `downOnly`), then the next column to the right.
 */
export function freeSpot(
  doc: Workflow,
  sizes: Readonly<Record<string, Size>>,
  want: Position,
  size: Size,
  downOnly = false,
): Position {
  const taken = boxes(doc, sizes);
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
export function besideStep(
  doc: Workflow,
  sizes: Readonly<Record<string, Size>>,
  anchorId: string,
  size: Size,
): Position | null {
  const anchor = doc.nodes.find((n) => n.id === anchorId);
  if (!anchor) return null;
  const width = (sizes[anchor.id] ?? FALLBACK).width;
  return freeSpot(doc, sizes, { x: anchor.position.x + width + GAP * 2, y: anchor.position.y }, size, true);
}
