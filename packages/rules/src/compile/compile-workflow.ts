import { conditionLogic } from '../conditions/logic.ts';
import type { Condition } from '../conditions/schema.ts';
import { scopeOf } from '../conditions/scope.ts';
import { EVENTS_PATH } from '../model/events.ts';
import { gradeLogic } from '../model/grade.ts';
import type { ScoreLimits } from '../model/score-limits.ts';
import type { Issue } from '../model/workflow.ts';
import type { ArtifactNode } from '../nodes/kind.ts';
import { analyze } from '../validate/analyze.ts';
import { ARTIFACT_FORMAT, type Artifact, artifactField } from './artifact.ts';

/** Thrown by `compile` for a workflow with validation errors; `issues` says which nodes and why. */
export class WorkflowInvalidError extends Error {
  readonly code = 'workflow_invalid';
  constructor(readonly issues: Issue[]) {
    super(`The workflow has ${issues.length} error(s): ${issues.map((i) => i.message).join(' ')}`);
  }
}

/**
 * Compiles a valid workflow into its artifact: deterministic, linear in the size of the graph,
 * standard JSON-logic only. Nodes appear in the order a lead can first meet them; nodes no lead
 * can reach are left out. Throws WorkflowInvalidError when validation finds errors.
 */
export function compile(workflow: unknown, options: { version?: number | null } = {}): Artifact {
  const { issues, workflow: wf, nodes } = analyze(workflow);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length || !wf) throw new WorkflowInvalidError(errors);

  const next = new Map<string, Record<string, string>>();
  for (const e of wf.edges) next.set(e.from, { ...next.get(e.from), [e.port]: e.to });

  const start = wf.nodes.find((n) => n.kind === 'start')!.id;
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    order.push(id);
    const typed = nodes.get(id)!;
    for (const port of typed.ports) {
      const to = next.get(id)?.[port.id];
      if (to) visit(to);
    }
  };
  visit(start);

  const compiled: Record<string, ArtifactNode> = {};
  const scope = scopeOf(wf);
  const scoreLimits = limitsOf(wf.scoreLimits);
  let countsEvents = false;
  for (const id of order) {
    const { node, kind, data, ports } = nodes.get(id)!;
    if (kind.reads(data).includes(EVENTS_PATH)) countsEvents = true;
    const ctx = {
      fields: wf.fields,
      ...scope,
      nodeId: id,
      label: node.label,
      condition: (c: Condition) => conditionLogic(c, wf.fields, scope),
      ...(scoreLimits ? { scoreLimits } : {}),
    };
    const links: Record<string, string> = {};
    for (const p of ports) links[p.id] = next.get(id)![p.id]!;
    compiled[id] = {
      kind: kind.kind,
      label: node.label || kind.title,
      ...kind.compile(data, ctx),
      next: links,
    };
  }

  return {
    format: ARTIFACT_FORMAT,
    workflow: { id: wf.id, name: wf.name, version: options.version ?? null },
    fields: wf.fields.map((f) => artifactField(f, wf.missingValues)),
    ...(countsEvents
      ? {
          events: {
            properties: (wf.events?.properties ?? []).map((f) => artifactField(f, wf.missingValues)),
          },
        }
      : {}),
    ...(wf.grade ? { grade: gradeLogic(wf.grade) } : {}),
    start,
    nodes: compiled,
  };
}

/** The workflow's limits, or undefined when none is set (so artifacts without any stay as they were). */
function limitsOf(limits: ScoreLimits | undefined): ScoreLimits | undefined {
  if (!limits) return undefined;
  const set = Object.entries(limits).filter(([, l]) => l && (l.cap !== null || l.floor !== null));
  return set.length ? (Object.fromEntries(set) as ScoreLimits) : undefined;
}
