import { NODE_KINDS, type NodeSentence, type Workflow } from '@qualify/rules';
import { portsOf } from '../graph/ports.ts';

type RouteData = ReturnType<(typeof NODE_KINDS)['route']['defaults']>;

export interface OutcomeStep {
  sentence: NodeSentence;
  /** The exits of this step that lead on towards the outcome, e.g. ["Pass"]. */
  via: string[];
}

export interface Outcome {
  nodeId: string;
  label: string;
  route: RouteData;
  sentence: NodeSentence;
  steps: OutcomeStep[];
}

const PRIORITY = { high: 0, normal: 1, low: 2 } as const;
const KIND_ORDER = { sales: 0, nurture: 1, disqualify: 2 } as const;

function rank(r: RouteData): [number, number, number] {
  if (r.to === 'sales') return [KIND_ORDER.sales, PRIORITY[r.priority], r.sla.firstContactHours];
  return [KIND_ORDER[r.to], 0, 0];
}

/**
 * The workflow's sentences grouped by where leads end: each route (sales first, by priority and
 * SLA, then nurture, then disqualify) with the steps that can lead to it, in the order a lead meets them.
 */
export function groupByOutcome(doc: Workflow, sentences: NodeSentence[]): Outcome[] {
  const byId = new Map(sentences.map((s) => [s.nodeId, s]));
  const into = new Map<string, { from: string; port: string }[]>();
  for (const e of doc.edges) into.set(e.to, [...(into.get(e.to) ?? []), { from: e.from, port: e.port }]);

  const outcomes: Outcome[] = [];
  for (const node of doc.nodes) {
    if (node.kind !== 'route') continue;
    const parsed = NODE_KINDS.route.dataSchema.safeParse(node.data);
    const sentence = byId.get(node.id);
    if (!parsed.success || !sentence) continue;
    const reach = new Set<string>([node.id]);
    const stack = [node.id];
    while (stack.length) {
      for (const { from } of into.get(stack.pop()!) ?? []) {
        if (!reach.has(from)) {
          reach.add(from);
          stack.push(from);
        }
      }
    }
    const steps = sentences
      .filter((s) => s.nodeId !== node.id && reach.has(s.nodeId) && s.kind !== 'start')
      .map((s) => {
        const step = doc.nodes.find((n) => n.id === s.nodeId);
        const ports = step ? (portsOf(step) ?? []) : [];
        const via = doc.edges
          .filter((e) => e.from === s.nodeId && reach.has(e.to))
          .map((e) => ports.find((p) => p.id === e.port)?.label ?? e.port);
        return { sentence: s, via };
      });
    outcomes.push({ nodeId: node.id, label: node.label, route: parsed.data, sentence, steps });
  }
  return outcomes.sort((a, b) => {
    const ra = rank(a.route);
    const rb = rank(b.route);
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
  });
}
