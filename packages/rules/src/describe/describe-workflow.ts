import { scopeOf } from '../conditions/scope.ts';
import { EVENTS_PATH } from '../model/events.ts';
import { gradeBandsText } from '../model/grade.ts';
import { SCORE_NAMES } from '../model/score-limits.ts';
import { analyze } from '../validate/analyze.ts';

export interface NodeSentence {
  nodeId: string;
  kind: string;
  text: string;
  /** Where each exit leads, by port label: "Yes → Book a demo". */
  exits: string[];
}

/**
 * The whole workflow as plain language, one sentence per node in the order a lead meets them
 * (the SLA view's source). Nodes with invalid data are skipped; unreachable ones come last.
 */
export function describeWorkflow(workflow: unknown): NodeSentence[] {
  const { workflow: wf, nodes } = analyze(workflow);
  if (!wf) return [];
  const next = new Map<string, Map<string, string>>();
  for (const e of wf.edges) {
    if (!next.has(e.from)) next.set(e.from, new Map());
    next.get(e.from)!.set(e.port, e.to);
  }
  // Depth-first discovery order, then a topological order that follows it: a node is read after every
  // node that can lead to it, and otherwise in the order the exits are listed.
  const discovered: string[] = [];
  const seen = new Set<string>();
  const startId = wf.nodes.find((n) => n.kind === 'start')?.id;
  const stack = startId ? [startId] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !nodes.has(id)) continue;
    seen.add(id);
    discovered.push(id);
    const ports = nodes.get(id)!.ports;
    for (let i = ports.length - 1; i >= 0; i--) {
      const to = next.get(id)?.get(ports[i]!.id);
      if (to) stack.push(to);
    }
  }
  const rank = new Map(discovered.map((id, i) => [id, i]));
  const waiting = new Map(discovered.map((id) => [id, 0]));
  for (const id of discovered)
    for (const to of next.get(id)?.values() ?? []) if (waiting.has(to)) waiting.set(to, waiting.get(to)! + 1);
  const ready = discovered.filter((id) => waiting.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => rank.get(a)! - rank.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const to of next.get(id)?.values() ?? []) {
      if (!waiting.has(to)) continue;
      const left = waiting.get(to)! - 1;
      waiting.set(to, left);
      if (left === 0) ready.push(to);
    }
  }
  // A cycle leaves nodes waiting: read them in discovery order rather than drop them.
  for (const id of discovered) if (!order.includes(id)) order.push(id);
  for (const id of nodes.keys()) if (!seen.has(id)) order.push(id);

  return order.map((id) => {
    const { node, kind, data, ports } = nodes.get(id)!;
    const ctx = { fields: wf.fields, ...scopeOf(wf), nodeId: id, label: node.label };
    const exits = ports.map((p) => {
      const to = next.get(id)?.get(p.id);
      const target = to ? nodes.get(to) : undefined;
      return `${p.label} → ${target ? target.node.label || target.kind.title : 'nowhere yet'}`;
    });
    return { nodeId: id, kind: kind.kind, text: kind.describe(data, ctx), exits };
  });
}

/**
 * The workflow-wide scoring agreement as sentences for the SLA view: the limits on its scores, its grade
 * bands and which events it counts. Empty when the workflow sets none of them.
 * @example describeScoring(wf) // ['The total score is held between 0 and 150 points.', 'Leads are graded ...']
 */
export function describeScoring(workflow: unknown): string[] {
  const { workflow: wf, nodes } = analyze(workflow);
  if (!wf) return [];
  const out: string[] = [];
  for (const name of SCORE_NAMES) {
    const l = wf.scoreLimits?.[name];
    if (!l || (l.cap === null && l.floor === null)) continue;
    const range =
      l.cap !== null && l.floor !== null
        ? `between ${l.floor} and ${l.cap} points`
        : l.cap !== null
          ? `at ${l.cap} points or fewer`
          : `at ${l.floor} points or more`;
    out.push(`The ${name} score is held ${range}, after every score step.`);
  }
  if (wf.grade) out.push(`Leads are graded fit × engagement, A1 (best) to C3: ${gradeBandsText(wf.grade)}.`);
  const counted = [...nodes.values()].some((n) => n.kind.reads(n.data).includes(EVENTS_PATH));
  if (counted) {
    const props = wf.events?.properties ?? [];
    out.push(
      `Events count from the lead's events list (each with its time${props.length ? ` and ${props.map((p) => p.label.toLowerCase()).join(', ')}` : ''}); a lead sent without one is unknown, not zero.`,
    );
  }
  return out;
}
