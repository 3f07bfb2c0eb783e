import {
  type EventProperty,
  type Field,
  type Grade,
  type Limit,
  NODE_KINDS,
  type NodeKindName,
  type ScoreName,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from '@qualify/rules';
import { uniqueId } from './ids.ts';
import { portsOf } from './ports.ts';

/**
 * Graph edits as pure functions: each takes a document and returns a new one, sharing every
 * node and edge it did not touch (the canvas mapping relies on that to re-render only what changed).
 */

export interface Position {
  x: number;
  y: number;
}

export interface Connection {
  from: string;
  port: string;
  to: string;
}

/** Adds a node of `kind` with its defaults; returns the new document and the node's id. */
export function addNode(
  doc: Workflow,
  kind: NodeKindName,
  position: Position,
): { doc: Workflow; id: string } {
  const def = NODE_KINDS[kind];
  const id = uniqueId(new Set(doc.nodes.map((n) => n.id)), kind);
  const node: WorkflowNode = {
    id,
    kind,
    label: def.title,
    position,
    data: def.defaults({ fields: doc.fields }),
  };
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id };
}

/** Adds a node and, when `from` names an exit, connects that exit to it: one edit, one undo step. */
export function addNodeAfter(
  doc: Workflow,
  kind: NodeKindName,
  position: Position,
  from?: { node: string; port: string },
): { doc: Workflow; id: string } {
  const added = addNode(doc, kind, position);
  if (!from) return added;
  return { doc: connect(added.doc, { from: from.node, port: from.port, to: added.id }), id: added.id };
}

/** The first exit of a node that leads nowhere yet, if any. */
export function firstFreeExit(doc: Workflow, nodeId: string): string | undefined {
  const node = doc.nodes.find((n) => n.id === nodeId);
  return node ? portsOf(node)?.find((p) => !exitEdge(doc, nodeId, p.id))?.id : undefined;
}

/** Why a connection may not be drawn, or null when it may. */
export function connectionProblem(doc: Workflow, c: Connection): string | null {
  if (c.from === c.to) return 'A node cannot lead into itself.';
  const from = doc.nodes.find((n) => n.id === c.from);
  const to = doc.nodes.find((n) => n.id === c.to);
  if (!from || !to) return 'Both ends must be nodes of this workflow.';
  if (to.kind === 'start') return 'Nothing may lead into "Lead arrives".';
  if (from.kind === 'route') return 'A route ends the path; it has no exits.';
  const ports = portsOf(from);
  if (ports && !ports.some((p) => p.id === c.port)) return 'That exit does not exist.';
  if (exitEdge(doc, c.from, c.port)?.to === c.to) return `That exit already leads to "${to.label}".`;
  return null;
}

/** The connection leaving a node's exit, if the exit is used. */
export const exitEdge = (doc: Workflow, from: string, port: string): WorkflowEdge | undefined =>
  doc.edges.find((e) => e.from === from && e.port === port);

/**
 * Connects an exit to a node. An exit leads to one step, so a connection from a used exit replaces
 * the one it had. Returns the document unchanged when the connection is not allowed.
 */
export function connect(doc: Workflow, c: Connection): Workflow {
  if (connectionProblem(doc, c)) return doc;
  const kept = doc.edges.filter((e) => e.from !== c.from || e.port !== c.port);
  const id = uniqueId(new Set(kept.map((e) => e.id)), `e-${c.from}-${c.port}`);
  const edge: WorkflowEdge = { id, from: c.from, port: c.port, to: c.to };
  return { ...doc, edges: [...kept, edge] };
}

/** Moves a connection's ends (dragging an edge end onto another step); unchanged when not allowed. */
export function reconnect(doc: Workflow, edgeId: string, c: Connection): Workflow {
  const without = { ...doc, edges: doc.edges.filter((e) => e.id !== edgeId) };
  if (without.edges.length === doc.edges.length || connectionProblem(without, c)) return doc;
  return connect(without, c);
}

/** Removes nodes (and every connection touching them) and connections. "Lead arrives" stays. */
export function removeElements(
  doc: Workflow,
  nodeIds: readonly string[],
  edgeIds: readonly string[],
): Workflow {
  const gone = new Set(nodeIds.filter((id) => doc.nodes.find((n) => n.id === id)?.kind !== 'start'));
  const goneEdges = new Set(edgeIds);
  if (!gone.size && !goneEdges.size) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !gone.has(n.id)),
    edges: doc.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.from) && !gone.has(e.to)),
  };
}

/** Moves nodes to new positions. */
export function moveNodes(doc: Workflow, positions: ReadonlyMap<string, Position>): Workflow {
  if (!positions.size) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const p = positions.get(n.id);
      return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: { x: p.x, y: p.y } } : n;
    }),
  };
}

/**
 * Changes a node's label and/or data. When the new data is valid, connections from exits
 * that no longer exist (a removed score tier) are dropped with it.
 */
export function updateNode(doc: Workflow, id: string, patch: { label?: string; data?: unknown }): Workflow {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return doc;
  const next: WorkflowNode = { ...node, ...patch };
  const ports = patch.data === undefined ? null : portsOf(next);
  const keep = ports ? new Set(ports.map((p) => p.id)) : null;
  const edges = keep ? doc.edges.filter((e) => e.from !== id || keep.has(e.port)) : doc.edges;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === id ? next : n)),
    edges: edges.length === doc.edges.length ? doc.edges : edges,
  };
}

/** Nodes and the connections between them, as copied to the clipboard. */
export interface Clip {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/** The selected nodes (never "Lead arrives") and the connections among them. */
export function copyNodes(doc: Workflow, ids: readonly string[]): Clip {
  const picked = new Set(ids);
  const nodes = doc.nodes.filter((n) => picked.has(n.id) && n.kind !== 'start');
  const kept = new Set(nodes.map((n) => n.id));
  return { nodes, edges: doc.edges.filter((e) => kept.has(e.from) && kept.has(e.to)) };
}

/** Pastes a clip with fresh ids, shifted by `offset`; returns the new node ids. */
export function pasteClip(doc: Workflow, clip: Clip, offset: Position): { doc: Workflow; ids: string[] } {
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  const renamed = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = uniqueId(nodeIds, n.kind);
    nodeIds.add(id);
    renamed.set(n.id, id);
    return {
      ...n,
      id,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
      data: structuredClone(n.data),
    };
  });
  const edges = clip.edges.map((e) => {
    const from = renamed.get(e.from)!;
    const id = uniqueId(edgeIds, `e-${from}-${e.port}`);
    edgeIds.add(id);
    return { ...e, id, from, to: renamed.get(e.to)! };
  });
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    ids: [...renamed.values()],
  };
}

/** Duplicates nodes next to themselves (Ctrl/Cmd+D). */
export function duplicateNodes(doc: Workflow, ids: readonly string[]): { doc: Workflow; ids: string[] } {
  return pasteClip(doc, copyNodes(doc, ids), { x: 40, y: 40 });
}

/** Replaces the lead field catalogue. */
export function setFields(doc: Workflow, fields: Field[]): Workflow {
  return { ...doc, fields };
}

/** Replaces the properties of the lead's events that events conditions may test. */
export function setEventProperties(doc: Workflow, properties: EventProperty[]): Workflow {
  return { ...doc, events: { ...doc.events, properties } };
}

/** Turns grading on with these bands, or off (`undefined`: decisions carry no grade). */
export function setGrade(doc: Workflow, grade: Grade | undefined): Workflow {
  const { grade: _old, ...rest } = doc;
  return grade ? { ...rest, grade } : rest;
}

/**
 * Sets one score's floor and cap (null: none). A score with neither is left out, and a workflow
 * with no limits left has no `scoreLimits` at all, as if never set.
 */
export function setScoreLimit(doc: Workflow, score: ScoreName, limit: Limit): Workflow {
  const limits = { ...doc.scoreLimits, [score]: limit };
  if (limit.floor === null && limit.cap === null) delete limits[score];
  const { scoreLimits: _old, ...rest } = doc;
  return Object.keys(limits).length ? { ...rest, scoreLimits: limits } : rest;
}

/** Sets the values that mean missing in every field without a list of its own. */
export function setMissingValues(doc: Workflow, missingValues: string[]): Workflow {
  return { ...doc, missingValues };
}

/** Renames the workflow or changes its description. */
export function setMeta(doc: Workflow, patch: { name?: string; description?: string }): Workflow {
  return { ...doc, ...patch };
}
