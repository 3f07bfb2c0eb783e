import { routeLabel } from '../cases/labels.ts';
import { compile } from '../compile/compile-workflow.ts';
import type { RouteKind } from '../evaluate/decision.ts';
import { type Outcome, type PreparedWorkflow, prepare } from '../evaluate/prepare.ts';
import type { Stage } from '../model/stages.ts';
import type { WorkflowInput } from '../model/workflow.ts';

/** A lead of the sample: its name for examples (else its lead id, else "lead N"), its time and stored stage. */
export interface SampleLead {
  name?: string;
  lead: Record<string, unknown>;
  now?: string;
  currentStage?: Stage;
}

/** Where a lead went: a route kind and its target; null kind: no route. */
export interface RouteKey {
  kind: RouteKind | null;
  target: string | null;
}

/** Leads that went `from` one place `to` another: labels like "Sales (Inbound SDR)", "No route", "SQL". */
export interface Move {
  from: string;
  to: string;
  count: number;
  /** Up to three lead names. */
  examples: string[];
}

export interface Impact {
  leads: number;
  routeChanged: number;
  stageChanged: number;
  /** Most first. */
  routeMoves: Move[];
  /** Most first; labels are stages. */
  stageMoves: Move[];
  /** "3 of 12 leads change route: 2 from Sales (Inbound SDR) to Nurture (30-day drip), …" */
  sentence: string;
}

const EXAMPLES = 3;
/** Moves named in the sentence; the rest are counted. */
const IN_SENTENCE = 5;

/** Counts moves by their from → to labels, keeping the first names as examples. */
class Tally {
  private readonly moves = new Map<string, Move>();
  changed = 0;

  add(from: string, to: string, name: string): void {
    if (from === to) return;
    this.changed++;
    const key = JSON.stringify([from, to]);
    const move = this.moves.get(key) ?? { from, to, count: 0, examples: [] };
    move.count++;
    if (move.examples.length < EXAMPLES) move.examples.push(name);
    this.moves.set(key, move);
  }

  /** Most first; ties in label order, so the answer does not depend on the sample's order. */
  list(): Move[] {
    return [...this.moves.values()].sort(
      (a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    );
  }
}

const routeOf = (o: Outcome): RouteKey => ({ kind: o.route?.kind ?? null, target: o.route?.target ?? null });
const labelOf = (r: RouteKey) => routeLabel(r.kind, r.target);

function movesText(moves: Move[]): string {
  const named = moves.slice(0, IN_SENTENCE).map((m) => `${m.count} from ${m.from} to ${m.to}`);
  const rest = moves.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}

function sentenceOf(n: number, routeChanged: number, stageChanged: number, routes: Move[], stages: Move[]) {
  if (n === 0) return 'The sample has no leads.';
  if (routeChanged === 0 && stageChanged === 0) return `No lead of ${n} changes route or stage.`;
  const verb = (k: number) => (k === 1 ? 'changes' : 'change');
  const route = routeChanged
    ? `${routeChanged} of ${n} ${n === 1 ? 'lead' : 'leads'} ${verb(routeChanged)} route: ${movesText(routes)}`
    : `No lead of ${n} changes route`;
  const stage = stageChanged
    ? `${stageChanged} ${verb(stageChanged)} stage: ${movesText(stages)}`
    : 'none changes stage';
  return `${route}; ${stage}.`;
}

/** Compiles a side for deciding; its test cases are not part of what it decides. */
function decider(w: unknown): PreparedWorkflow {
  const doc = w !== null && typeof w === 'object' ? { ...w, testCases: [] } : w;
  return prepare(compile(doc));
}

/**
 * How a change moves a sample of leads: each lead decided by both versions (at its own `now`, else
 * `opts.now`, else the current time, with its stored stage), counted by route and by stage.
 * Throws WorkflowInvalidError when either side does not compile.
 * @example impactOf(v3, draft, leads).sentence // "2 of 12 leads change route: 2 from Sales (Inbound SDR) to Nurture (Newsletter); none changes stage."
 */
export function impactOf(
  from: WorkflowInput | unknown,
  to: WorkflowInput | unknown,
  leads: SampleLead[],
  opts: { now?: number } = {},
): Impact {
  const before = decider(from);
  const after = decider(to);
  const routes = new Tally();
  const stages = new Tally();
  const fallbackNow = opts.now ?? Date.now();
  leads.forEach((sample, i) => {
    const options = {
      now: sample.now ?? fallbackNow,
      ...(sample.currentStage ? { currentStage: sample.currentStage } : {}),
    };
    const a = before.decide(sample.lead, options);
    const b = after.decide(sample.lead, options);
    const name = sample.name ?? before.leadId(sample.lead) ?? `lead ${i + 1}`;
    routes.add(labelOf(routeOf(a)), labelOf(routeOf(b)), name);
    stages.add(a.stage, b.stage, name);
  });
  const routeMoves = routes.list();
  const stageMoves = stages.list();
  return {
    leads: leads.length,
    routeChanged: routes.changed,
    stageChanged: stages.changed,
    routeMoves,
    stageMoves,
    sentence: sentenceOf(leads.length, routes.changed, stages.changed, routeMoves, stageMoves),
  };
}
