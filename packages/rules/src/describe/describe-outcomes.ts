import { scopeOf } from '../conditions/scope.ts';
import { DEFAULT_STAGE, type Stage } from '../model/stages.ts';
import { analyze } from '../validate/analyze.ts';

/** One way to reach a route: what the lead meets on the way, in order, and the stage it ends with. */
export interface OutcomePath {
  when: string[];
  stage: Stage;
}

export interface OutcomeDescription {
  nodeId: string;
  label: string;
  /** The route as a sentence: "The lead goes to Sales (Inbound SDR, high priority): first contact within 4 hours, 5 touches." */
  text: string;
  paths: OutcomePath[];
  /** Ways to reach the route left out past `maxPaths`. */
  more: number;
}

/**
 * Every route with the ways a lead reaches it, for the SLA view: "A lead goes to Sales when it is not
 * a student, the total score is 40 or more and BANT passes". Paths are read from the start along the
 * exits; each step that decides (signal checks, gates, tiers) adds what the lead met, in its kind's
 * own words. Routes no lead can reach have no paths.
 */
export function describeOutcomes(workflow: unknown, maxPaths = 20): OutcomeDescription[] {
  const { workflow: wf, nodes } = analyze(workflow);
  if (!wf) return [];
  const out = new Map<string, { port: string; to: string }[]>();
  for (const e of wf.edges) out.set(e.from, [...(out.get(e.from) ?? []), { port: e.port, to: e.to }]);
  const outcomes = new Map<string, OutcomeDescription>();
  for (const [id, typed] of nodes) {
    if (typed.kind.kind !== 'route') continue;
    const ctx = { fields: wf.fields, ...scopeOf(wf), nodeId: id, label: typed.node.label };
    outcomes.set(id, {
      nodeId: id,
      label: typed.node.label,
      text: typed.kind.describe(typed.data, ctx),
      paths: [],
      more: 0,
    });
  }
  const start = wf.nodes.find((n) => n.kind === 'start')?.id;
  // Depth-first along the exits; `seen` guards against loops in an invalid draft, and the budget
  // against graphs whose paths multiply (past it, the remaining ways are not counted).
  let budget = 20_000;
  const walk = (id: string, when: string[], stage: Stage, seen: Set<string>) => {
    const typed = nodes.get(id);
    if (!typed || seen.has(id) || --budget < 0) return;
    const outcome = outcomes.get(id);
    if (outcome) {
      // A route may set the stage itself (a nurture route's recycle).
      const final = (typed.kind.outcome?.(typed.data)?.stage ?? stage) as Stage;
      if (outcome.paths.length < maxPaths) outcome.paths.push({ when, stage: final });
      else outcome.more++;
      return;
    }
    const ctx = { fields: wf.fields, ...scopeOf(wf), nodeId: id, label: typed.node.label };
    const nextStage = (typed.kind.outcome?.(typed.data)?.stage ?? stage) as Stage;
    const next = new Set(seen).add(id);
    for (const port of typed.ports) {
      const edge = out.get(id)?.find((e) => e.port === port.id);
      if (!edge) continue;
      const met = typed.kind.when?.(typed.data, port.id, ctx);
      walk(edge.to, met ? [...when, met] : when, nextStage, next);
    }
  };
  if (start) walk(start, [], DEFAULT_STAGE, new Set());
  return [...outcomes.values()];
}
