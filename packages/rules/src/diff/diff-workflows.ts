import { scopeOf } from '../conditions/scope.ts';
import type { FieldCatalogue } from '../model/fields.ts';
import type { WorkflowEdge, WorkflowInput, WorkflowNode } from '../model/workflow.ts';
import { kindOf } from '../nodes/index.ts';
import type { NodeKind } from '../nodes/kind.ts';
import { diffFields } from './fields.ts';
import { type LooseDoc, readDoc } from './read-doc.ts';
import { diffScoring } from './scoring.ts';
import { diffTestCases } from './test-cases.ts';
import type { Change } from './types.ts';
import { bare, byId, list, q, same } from './words.ts';

/** A step as its side of the comparison knows it: kind, parsed data (undefined when unfinished), name. */
interface Step {
  node: WorkflowNode;
  kind: NodeKind | undefined;
  data: unknown;
  parsed: boolean;
  name: string;
}

function stepOf(node: WorkflowNode): Step {
  const kind = kindOf(node.kind);
  const data = kind?.dataSchema.safeParse(node.data);
  return {
    node,
    kind,
    data: data?.success ? data.data : node.data,
    parsed: Boolean(data?.success),
    name: node.label || kind?.title || node.kind,
  };
}

const ctxOf = (s: Step, doc: LooseDoc) => ({
  fields: doc.fields as FieldCatalogue,
  ...scopeOf(doc),
  nodeId: s.node.id,
  label: s.name,
});
const title = (s: Step) => s.kind?.title ?? `unknown kind "${s.node.kind}"`;

/** Where each exit of each step leads: step id -> port -> step id. */
function exits(edges: WorkflowEdge[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const e of edges) {
    if (!out.has(e.from)) out.set(e.from, new Map());
    out.get(e.from)!.set(e.port, e.to);
  }
  return out;
}

/** A port's label for people ("Hot (60+)", "Yes"), from the step's kind; the port id when unknown. */
function portLabel(port: string, ...steps: (Step | undefined)[]): string {
  for (const s of steps) {
    if (!s?.kind || !s.parsed) continue;
    const found = s.kind.ports(s.data).find((p) => p.id === port);
    if (found) return found.label;
  }
  return port;
}

class Sides {
  readonly before: Map<string, Step>;
  readonly after: Map<string, Step>;
  readonly exitsBefore: Map<string, Map<string, string>>;
  readonly exitsAfter: Map<string, Map<string, string>>;

  constructor(
    readonly a: LooseDoc,
    readonly b: LooseDoc,
  ) {
    this.before = new Map(a.nodes.map((n) => [n.id, stepOf(n)]));
    this.after = new Map(b.nodes.map((n) => [n.id, stepOf(n)]));
    this.exitsBefore = exits(a.edges);
    this.exitsAfter = exits(b.edges);
  }

  /** A step named for a sentence; its id too when the other side has another step of that name. */
  target(id: string, side: 'before' | 'after', other?: string): string {
    const s = (side === 'before' ? this.before : this.after).get(id);
    const name = q(s?.name ?? id);
    const otherName =
      other === undefined ? undefined : (this.after.get(other) ?? this.before.get(other))?.name;
    return other !== undefined && otherName === (s?.name ?? id) && other !== id ? `${name} (${id})` : name;
  }
}

function describeStep(s: Step, doc: LooseDoc): string {
  return s.kind && s.parsed ? bare(s.kind.describe(s.data, ctxOf(s, doc))) : 'unfinished settings';
}

function addedStep(s: Step, sides: Sides): Change {
  const summary = s.kind && s.parsed ? `: ${s.kind.summary(s.data, ctxOf(s, sides.b))}` : '';
  const out = [...(sides.exitsAfter.get(s.node.id) ?? new Map<string, string>())].map(
    ([port, to]) => `${portLabel(port, s)} leads to ${sides.target(to, 'after')}`,
  );
  const links = out.length ? `; ${list(out)}` : '';
  return {
    kind: 'step_added',
    nodeId: s.node.id,
    sentence: `Step ${q(s.name)} (${title(s)}) added${summary}${links}.`,
  };
}

/** What changed inside a step kept on both sides: its kind, its name, its settings. */
function stepChanges(a: Step, b: Step, sides: Sides): string[] {
  if (a.node.kind !== b.node.kind) {
    return [
      `Step ${q(b.name)} is now a ${title(b)} step, was a ${title(a)} step: ${describeStep(b, sides.b)}.`,
    ];
  }
  const out: string[] = [];
  if (a.name !== b.name) out.push(`Step ${q(a.name)} renamed to ${q(b.name)}.`);
  if (same(a.data, b.data)) return out;
  const ctx = { ...ctxOf(b, sides.b), beforeFields: sides.a.fields, before: scopeOf(sides.a) };
  const written = a.parsed && b.parsed && b.kind?.diff ? b.kind.diff(a.data, b.data, ctx) : [];
  if (written.length) return [...out, ...written];
  const was = describeStep(a, sides.a);
  const now = describeStep(b, sides.b);
  return [...out, `${b.name}: was ${was}; now ${now}.`];
}

/** Exits of a kept step that lead elsewhere, were connected or were disconnected. */
function connectionChanges(a: Step, b: Step, sides: Sides): string[] {
  const id = b.node.id;
  const was = sides.exitsBefore.get(id) ?? new Map<string, string>();
  const now = sides.exitsAfter.get(id) ?? new Map<string, string>();
  const out: string[] = [];
  for (const port of new Set([...now.keys(), ...was.keys()])) {
    const from = was.get(port);
    const to = now.get(port);
    if (from === to) continue;
    const exit = `${q(b.name)} → ${portLabel(port, b, a)}`;
    if (from === undefined) out.push(`${exit} now leads to ${sides.target(to!, 'after')}.`);
    else if (to === undefined)
      out.push(`${exit} is no longer connected (led to ${sides.target(from, 'before')}).`);
    else
      out.push(
        `${exit} now leads to ${sides.target(to, 'after', from)}, was ${sides.target(from, 'before', to)}.`,
      );
  }
  return out;
}

function workflowChanges(a: LooseDoc, b: LooseDoc): Change[] {
  const out: string[] = [];
  if (a.name !== b.name) out.push(`Workflow renamed from ${q(a.name)} to ${q(b.name)}.`);
  if (a.description !== b.description) out.push('Description changed.');
  if (!same(a.missingValues, b.missingValues)) {
    const listed = (v: string[] | undefined) =>
      v === undefined ? "the product's list" : list(v.map(q)) || 'none';
    out.push(`Values that mean missing: ${listed(b.missingValues)}, was ${listed(a.missingValues)}.`);
  }
  return out.map((sentence) => ({ kind: 'workflow', sentence }));
}

/**
 * The changes from one workflow document to another, one sentence each, in the product's words:
 * the document, fields, steps (their own sentence writers), connections, test cases. Moving a step on
 * the canvas is not a change. Reads unfinished drafts too: a part that does not parse is left out.
 * @example diffWorkflows(v3, draft) // [{ kind: 'step_changed', nodeId: 'tiers', sentence: 'Score tiers: "MQL" threshold 40 → 50.' }]
 */
export function diffWorkflows(from: WorkflowInput | unknown, to: WorkflowInput | unknown): Change[] {
  const sides = new Sides(readDoc(from), readDoc(to));
  const changes: Change[] = [
    ...workflowChanges(sides.a, sides.b),
    ...diffFields(sides.a.fields, sides.b.fields),
    ...diffScoring(sides.a, sides.b),
  ];
  const { removed, added, kept } = byId(sides.a.nodes, sides.b.nodes);
  for (const n of removed) {
    const s = sides.before.get(n.id)!;
    changes.push({
      kind: 'step_removed',
      nodeId: n.id,
      sentence: `Step ${q(s.name)} (${title(s)}) removed.`,
    });
  }
  for (const n of added) changes.push(addedStep(sides.after.get(n.id)!, sides));
  for (const [x, y] of kept) {
    const [a, b] = [sides.before.get(x.id)!, sides.after.get(y.id)!];
    for (const sentence of stepChanges(a, b, sides))
      changes.push({ kind: 'step_changed', nodeId: y.id, sentence });
    for (const sentence of connectionChanges(a, b, sides))
      changes.push({ kind: 'connection_changed', nodeId: y.id, sentence });
  }
  changes.push(...diffTestCases(sides.a.testCases, sides.b.testCases));
  return changes;
}
