import { NODE_KINDS, type NodeKindName } from '@qualify/rules';
import { addNodeAfter, exitEdge, firstFreeExit, type Position } from '../graph/edits.ts';
import { nodeSize } from '../graph/node-size.ts';
import { besideStep, freeSpot } from '../graph/placement.ts';
import { hasEntry, portsOf } from '../graph/ports.ts';
import { useStudio } from '../store/studio-store.ts';

/** The size a new step of `kind` will have, before the canvas measures it. */
const sizeOf = (kind: NodeKindName) => nodeSize({ kind, data: NODE_KINDS[kind].defaults() });

/**
 * Adds a step as one undo step: centred on `at` (a canvas point) or nearby where that spot is taken,
 * connected from `from` when given; selects it and moves the keyboard focus to its form.
 */
export function addStep(kind: NodeKindName, at: Position, from?: { node: string; port: string }): void {
  const s = useStudio.getState();
  if (!s.doc) return;
  const size = sizeOf(kind);
  const want = { x: at.x - size.width / 2, y: at.y - size.height / 2 };
  const spot = freeSpot(s.doc, want, size);
  place(kind, spot, from);
}

/**
 * Click-to-add: with one step selected, the new step goes beside it and is connected from its first
 * free exit (as n8n adds after the selected node); otherwise it goes at `center`, moved to free space.
 */
export function addStepNearSelection(kind: NodeKindName, center: Position): void {
  const s = useStudio.getState();
  if (!s.doc) return;
  const anchor = s.selectedNodes.length === 1 ? s.selectedNodes[0]! : null;
  const spot = anchor && besideStep(s.doc, anchor, sizeOf(kind));
  if (!anchor || !spot) {
    addStep(kind, center);
    return;
  }
  const port = hasEntry(kind) ? firstFreeExit(s.doc, anchor) : undefined;
  place(kind, spot, port ? { node: anchor, port } : undefined);
}

function place(kind: NodeKindName, position: Position, from?: { node: string; port: string }) {
  const s = useStudio.getState();
  if (!s.doc) return;
  const replaced = from && exitEdge(s.doc, from.node, from.port);
  const added = addNodeAfter(s.doc, kind, position, from);
  s.commit(added.doc, { select: [added.id] });
  s.setTab('inspector');
  s.setFormFocus(added.id);
  if (from && replaced) notifyReplaced(from, replaced.to);
}

/** After an edit, says that an exit now leads elsewhere, so a replaced connection is never a surprise. */
export function notifyReplaced(from: { node: string; port: string }, oldTo: string): void {
  const s = useStudio.getState();
  const doc = s.doc;
  if (!doc) return;
  const label = (id: string | undefined) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  const source = doc.nodes.find((n) => n.id === from.node);
  const exit = (source && portsOf(source)?.find((p) => p.id === from.port)?.label) ?? from.port;
  const now = exitEdge(doc, from.node, from.port)?.to;
  s.notify(
    'info',
    `"${label(from.node)}" ${exit} now leads to "${label(now)}" instead of "${label(oldTo)}". Ctrl+Z undoes it.`,
  );
}
