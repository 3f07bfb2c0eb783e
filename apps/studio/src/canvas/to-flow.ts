import {
  type Field,
  type Issue,
  kindOf,
  type Port,
  summarizeNode,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from '@qualify/rules';
import type { Edge, Node } from '@xyflow/react';
import { type EdgeRoute, edgeKey, type Size } from '../graph/layout.ts';
import { nodeSize } from '../graph/node-size.ts';
import { exitLabel, hasEntry, portsOf } from '../graph/ports.ts';
import { kindIcon } from './kind-icon.ts';

/**
 * The one place where the workflow document becomes React Flow nodes and edges. Results are
 * cached per node and edge, so an edit re-renders only what it touched (a drag of one node
 * in a 500-node workflow maps one node).
 */

export type RunMark = 'taken' | 'dimmed' | null;

export type FlowNodeData = {
  kind: string;
  title: string;
  icon: string;
  color: string;
  label: string;
  summary: string;
  ports: Port[];
  /** The box's height (its width is fixed): the layout sizes it the same way (graph/node-size.ts). */
  height: number;
  entry: boolean;
  known: boolean;
  issues: Issue[];
  run: RunMark;
  /** The step is among the changes of the comparison shown in the review panel or the versions panel. */
  changed: boolean;
};

export type FlowNode = Node<FlowNodeData, 'workflow'>;
export type FlowEdgeData = {
  run: RunMark;
  /** The exit's label when the step has several exits. */
  label: string | null;
  /** ELK's route while the layout is current; null draws a smoothstep edge. */
  route: EdgeRoute | null;
};
export type FlowEdge = Edge<FlowEdgeData, 'exit'>;

export interface FlowView {
  issues: ReadonlyMap<string, Issue[]>;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: Readonly<Record<string, Size>>;
  /** Nodes and edges a test lead took; null when no test run is shown. */
  path: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
  /** Steps changed by the comparison shown; null when none is. */
  changed?: ReadonlySet<string> | null;
  /** The routes of the layout the steps stand in; null once a step was moved off it. */
  routes?: ReadonlyMap<string, EdgeRoute> | null;
}

interface NodeEntry {
  node: WorkflowNode;
  fields: readonly Field[];
  issues: Issue[] | undefined;
  selected: boolean;
  measured: Size | undefined;
  run: RunMark;
  changed: boolean;
  out: FlowNode;
}

interface EdgeEntry {
  edge: WorkflowEdge;
  /** The source step's data: its exits name the edge's label (a drag of the step changes nothing here). */
  sourceData: unknown;
  route: EdgeRoute | null;
  selected: boolean;
  run: RunMark;
  invalid: boolean;
  out: FlowEdge;
}

const NO_ISSUES: Issue[] = [];

/** Nodes a lead took and the edges between consecutive ones. */
export function pathOf(doc: Workflow, nodePath: readonly string[]) {
  const nodes = new Set(nodePath);
  const edges = new Set<string>();
  for (let i = 1; i < nodePath.length; i++) {
    const from = nodePath[i - 1];
    const to = nodePath[i];
    const e = doc.edges.find((x) => x.from === from && x.to === to);
    if (e) edges.add(e.id);
  }
  return { nodes, edges };
}

function nodeData(
  node: WorkflowNode,
  fields: readonly Field[],
  issues: Issue[] | undefined,
  run: RunMark,
  changed: boolean,
): FlowNodeData {
  const kind = kindOf(node.kind);
  return {
    kind: node.kind,
    title: kind?.title ?? `Unknown kind "${node.kind}"`,
    icon: kind ? kindIcon(kind.icon) : '?',
    color: kind?.color ?? '#64748b',
    label: node.label,
    summary: summarizeNode(node, fields),
    ports: portsOf(node) ?? [],
    height: nodeSize(node).height,
    entry: hasEntry(node.kind),
    known: Boolean(kind),
    issues: issues ?? NO_ISSUES,
    run,
    changed,
  };
}

/** Creates a mapper with its own cache (one per canvas). */
export function createFlowMapper() {
  let nodeCache = new Map<string, NodeEntry>();
  let edgeCache = new Map<string, EdgeEntry>();
  // React Flow rebuilds its connection lookups whenever the edges array changes: keep it when nothing did.
  let lastEdges: FlowEdge[] = [];

  function mapNodes(doc: Workflow, view: FlowView): FlowNode[] {
    const next = new Map<string, NodeEntry>();
    const out = doc.nodes.map((node) => {
      const issues = view.issues.get(node.id);
      const selected = view.selectedNodes.has(node.id);
      const measured = view.measured[node.id];
      const run: RunMark = view.path ? (view.path.nodes.has(node.id) ? 'taken' : 'dimmed') : null;
      const changed = view.changed?.has(node.id) ?? false;
      const prev = nodeCache.get(node.id);
      if (
        prev &&
        prev.node === node &&
        prev.fields === doc.fields &&
        prev.issues === issues &&
        prev.selected === selected &&
        prev.measured === measured &&
        prev.run === run &&
        prev.changed === changed
      ) {
        next.set(node.id, prev);
        return prev.out;
      }
      const sameData =
        prev &&
        prev.node.data === node.data &&
        prev.node.label === node.label &&
        prev.fields === doc.fields &&
        prev.issues === issues &&
        prev.run === run &&
        prev.changed === changed;
      const flow: FlowNode = {
        id: node.id,
        type: 'workflow',
        position: node.position,
        data: sameData ? prev.out.data : nodeData(node, doc.fields, issues, run, changed),
        selected,
        deletable: node.kind !== 'start',
        ...(measured ? { measured } : {}),
        ariaLabel: `${kindOf(node.kind)?.title ?? node.kind}: ${node.label}`,
      };
      next.set(node.id, { node, fields: doc.fields, issues, selected, measured, run, changed, out: flow });
      return flow;
    });
    nodeCache = next;
    return out;
  }

  function mapEdges(doc: Workflow, view: FlowView): FlowEdge[] {
    const next = new Map<string, EdgeEntry>();
    const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
    const out = doc.edges.map((edge) => {
      const source = nodes.get(edge.from);
      const laid = view.routes?.get(edge.id);
      const route = laid && laid.key === edgeKey(edge) ? laid : null;
      const selected = view.selectedEdges.has(edge.id);
      const run: RunMark = view.path ? (view.path.edges.has(edge.id) ? 'taken' : 'dimmed') : null;
      const invalid = (view.issues.get(edge.from) ?? NO_ISSUES).some((i) => i.edgeId === edge.id);
      const prev = edgeCache.get(edge.id);
      if (
        prev &&
        prev.edge === edge &&
        prev.sourceData === source?.data &&
        prev.route === route &&
        prev.selected === selected &&
        prev.run === run &&
        prev.invalid === invalid
      ) {
        next.set(edge.id, prev);
        return prev.out;
      }
      const flow: FlowEdge = {
        id: edge.id,
        source: edge.from,
        target: edge.to,
        sourceHandle: edge.port,
        targetHandle: 'in',
        selected,
        type: 'exit',
        className: ['qs-edge', run ? `is-${run}` : '', invalid ? 'is-invalid' : ''].filter(Boolean).join(' '),
        data: { run, label: source ? exitLabel(source, edge.port) : null, route },
        ariaLabel: `Connection from ${edge.from} (${edge.port}) to ${edge.to}`,
      };
      next.set(edge.id, { edge, sourceData: source?.data, route, selected, run, invalid, out: flow });
      return flow;
    });
    edgeCache = next;
    if (out.length === lastEdges.length && out.every((e, i) => e === lastEdges[i])) return lastEdges;
    lastEdges = out;
    return out;
  }

  return { mapNodes, mapEdges };
}
