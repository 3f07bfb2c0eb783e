import type { Issue, Workflow } from '../model/workflow.ts';
import type { TypedNode } from './analyze.ts';
import { stagesGoingBack } from './check-stages.ts';

type Totals = { fit: number; engagement: number; total: number };

/** Nodes in an order where every edge points forward; shorter than `ids` when the graph has a cycle. */
function topoOrder(ids: string[], out: Map<string, string[]>): string[] {
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const targets of out.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const t of out.get(id) ?? []) {
      const left = indegree.get(t)! - 1;
      indegree.set(t, left);
      if (left === 0) queue.push(t);
    }
  }
  return order;
}

/** The most points a lead can have collected on arrival at each node, along any path. */
function bestScores(order: string[], out: Map<string, string[]>, nodes: Map<string, TypedNode>) {
  const best = new Map<string, Totals>();
  const zero = { fit: 0, engagement: 0, total: 0 };
  for (const id of order) {
    const here = best.get(id) ?? zero;
    const typed = nodes.get(id);
    const add = typed?.kind.maxPoints?.(typed.data) ?? { fit: 0, engagement: 0 };
    const after = {
      fit: here.fit + add.fit,
      engagement: here.engagement + add.engagement,
      total: here.total + add.fit + add.engagement,
    };
    for (const t of out.get(id) ?? []) {
      const prev = best.get(t);
      best.set(
        t,
        prev
          ? {
              fit: Math.max(prev.fit, after.fit),
              engagement: Math.max(prev.engagement, after.engagement),
              total: Math.max(prev.total, after.total),
            }
          : after,
      );
    }
  }
  return best;
}

const portKey = (nodeId: string, port: string) => `${nodeId}\u0000${port}`;

/** Why an edge cannot stand, 'skip' when one of its nodes already carries an issue, or null. */
function edgeProblem(
  e: Workflow['edges'][number],
  nodes: Map<string, TypedNode>,
  nodeIds: Set<string>,
  edgeIds: Set<string>,
  used: Set<string>,
): { code: string; message: string; nodeId?: string } | 'skip' | null {
  if (edgeIds.has(e.id)) return { code: 'duplicate_id', message: `Two connections share the id "${e.id}".` };
  if (!nodeIds.has(e.from) || !nodeIds.has(e.to)) {
    const missing = nodeIds.has(e.from) ? e.to : e.from;
    return {
      code: 'dangling_edge',
      message: `A connection points to a node that does not exist ("${missing}").`,
    };
  }
  const from = nodes.get(e.from);
  const to = nodes.get(e.to);
  if (!from || !to) return 'skip';
  const name = from.node.label || from.kind.title;
  if (!from.ports.some((p) => p.id === e.port)) {
    return { code: 'unknown_port', nodeId: e.from, message: `"${name}" has no exit "${e.port}".` };
  }
  if (to.kind.kind === 'start') {
    return { code: 'edge_into_start', nodeId: e.to, message: 'Nothing may lead into "Lead arrives".' };
  }
  if (used.has(portKey(e.from, e.port))) {
    return {
      code: 'port_multiple_edges',
      nodeId: e.from,
      message: `An exit of "${name}" has two connections; keep one.`,
    };
  }
  return null;
}

/** Structure: one start, edges between real ports, no cycles, every exit leads to a route, thresholds reachable. */
export function checkGraph(workflow: Workflow, nodes: Map<string, TypedNode>): Issue[] {
  const issues: Issue[] = [];
  const starts = workflow.nodes.filter((n) => n.kind === 'start');
  if (starts.length !== 1) {
    issues.push({
      code: starts.length === 0 ? 'no_start' : 'several_starts',
      severity: 'error',
      ...(starts[1] ? { nodeId: starts[1].id } : {}),
      message:
        starts.length === 0
          ? 'The workflow has no "Lead arrives" node: add one where leads enter.'
          : `The workflow has ${starts.length} "Lead arrives" nodes; keep exactly one.`,
    });
  }

  const out = new Map<string, string[]>();
  // Also the connections to or from a node whose own data has issues: they still lead somewhere, so
  // such a node's neighbours get no knock-on "leads nowhere" or "cannot be reached".
  const reach = new Map<string, string[]>();
  const used = new Set<string>();
  const edgeIds = new Set<string>();
  const nodeIds = new Set(workflow.nodes.map((n) => n.id));
  for (const [i, e] of workflow.edges.entries()) {
    const problem = edgeProblem(e, nodes, nodeIds, edgeIds, used);
    edgeIds.add(e.id);
    if (problem === 'skip') {
      used.add(portKey(e.from, e.port));
      reach.set(e.from, [...(reach.get(e.from) ?? []), e.to]);
      continue;
    }
    if (problem) {
      issues.push({ ...problem, severity: 'error', edgeId: e.id, path: `edges.${i}` });
      continue;
    }
    used.add(portKey(e.from, e.port));
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    reach.set(e.from, [...(reach.get(e.from) ?? []), e.to]);
  }

  for (const [id, typed] of nodes) {
    for (const port of typed.ports) {
      if (!used.has(portKey(id, port.id))) {
        issues.push({
          code: 'no_route',
          severity: 'error',
          nodeId: id,
          message: `The "${port.label}" exit of "${typed.node.label || typed.kind.title}" leads nowhere: connect it so every lead ends at a route.`,
        });
      }
    }
  }

  const ids = [...nodes.keys()];
  const order = topoOrder(ids, out);
  const acyclic = order.length === ids.length;
  if (!acyclic) {
    const sorted = new Set(order);
    const stuck = ids.find((id) => !sorted.has(id));
    issues.push({
      code: 'cycle',
      severity: 'error',
      ...(stuck ? { nodeId: stuck } : {}),
      message:
        'The connections form a loop: a lead could go round forever. Remove one connection of the loop.',
    });
  }

  if (acyclic) issues.push(...stagesGoingBack(order, out, nodes));

  const startId = starts[0]?.id;
  if (startId && nodeIds.has(startId)) {
    const seen = new Set([startId]);
    const stack = [startId];
    while (stack.length)
      for (const t of reach.get(stack.pop()!) ?? []) if (!seen.has(t) && seen.add(t)) stack.push(t);
    for (const [id, typed] of nodes) {
      if (!seen.has(id)) {
        issues.push({
          code: 'unreachable',
          severity: 'warning',
          nodeId: id,
          message: `No lead can reach "${typed.node.label || typed.kind.title}": connect it from the flow or delete it.`,
        });
      }
    }
  }

  // The most points a lead can have is unknown while a step's data is broken: say nothing of thresholds.
  if (acyclic && nodes.size === workflow.nodes.length) {
    const best = bestScores(order, out, nodes);
    for (const [id, typed] of nodes) {
      if (typed.kind.kind !== 'branch') continue;
      const d = typed.data as { on: keyof Totals; tiers: { label: string; min: number }[] };
      const most = best.get(id)?.[d.on] ?? 0;
      for (const t of d.tiers) {
        if (t.min > most) {
          issues.push({
            code: 'threshold_unreachable',
            severity: 'warning',
            nodeId: id,
            message: `No lead can reach "${t.label}" (${t.min}+): the score rules before it add at most ${most} ${d.on === 'total' ? '' : `${d.on} `}points.`,
          });
        }
      }
    }
  }
  return issues;
}
