import type { Position } from '../graph/edits.ts';

/**
 * An SVG path through the points of an orthogonal route, its corners rounded by up to `radius`
 * (less where a segment is shorter), as React Flow's smoothstep edges look.
 */
export function routePath(points: readonly Position[], radius = 8): string {
  const first = points[0];
  if (!first) return '';
  let d = `M ${first.x} ${first.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const prev = points[i - 1]!;
    const next = points[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const r = Math.min(radius, dist(prev, p) / 2, dist(p, next) / 2);
    const a = toward(p, prev, r);
    const b = toward(p, next, r);
    d += ` L ${a.x} ${a.y} Q ${p.x} ${p.y} ${b.x} ${b.y}`;
  }
  return d;
}

const dist = (a: Position, b: Position) => Math.hypot(a.x - b.x, a.y - b.y);

function toward(from: Position, to: Position, by: number): Position {
  const d = dist(from, to) || 1;
  return { x: from.x + ((to.x - from.x) * by) / d, y: from.y + ((to.y - from.y) * by) / d };
}
