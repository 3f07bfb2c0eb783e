import {
  compile,
  type GradeName,
  type Outcome,
  prepare,
  type RouteKind,
  routeName,
  type SampleLead,
  type Stage,
  type Workflow,
  WorkflowInvalidError,
} from '@qualify/rules';

/** Which score a histogram counts. */
export type ScoreKind = 'total' | 'fit' | 'engagement';
export const SCORE_KINDS: ScoreKind[] = ['total', 'fit', 'engagement'];

/** Points per histogram band, as the backtest's histogram. */
export const BAND = 10;

export interface RouteCount {
  /** The route step's id, or '' for leads that reached no route. */
  nodeId: string;
  kind: RouteKind | null;
  /** "Inbound SDR (Sales)", "No route". */
  label: string;
  leads: number;
}

/** How a sample of leads falls under one version of a workflow. */
export interface Distribution {
  leads: number;
  /** Leads per band of BAND points, by band start (−10 holds −10 to −0.5). */
  bands: Record<ScoreKind, Map<number, number>>;
  routes: RouteCount[];
  stages: Map<Stage, number>;
  /** Leads per grade (A1 to C3), when the workflow grades leads. */
  grades: Map<GradeName, number> | null;
}

/** A version that cannot be evaluated: the draft has errors. */
export interface NotEvaluated {
  error: string;
}

/** A route step by its label, with its kind unless the label says it: "Inbound SDR (Sales)", "Disqualify". */
export function routeText(kind: RouteKind, label: string): string {
  const name = routeName(kind);
  return label.toLowerCase().includes(name.toLowerCase()) ? label : `${label} (${name})`;
}

const bandOf = (score: number) => Math.floor(score / BAND) * BAND;

/**
 * Evaluates every lead of the sample with the rules core (compiled and prepared once) and counts
 * scores by band, routes and stages. Route steps are named by their step label.
 * @example distributionOf(doc, [{ lead: { email: 'ann@acme.io' } }]).routes // [{ label: 'Inbound SDR (Sales)', leads: 1, … }]
 */
export function distributionOf(doc: Workflow, sample: readonly SampleLead[]): Distribution | NotEvaluated {
  let decide: (s: SampleLead) => Outcome;
  try {
    const prepared = prepare(compile({ ...doc, testCases: [] }));
    decide = (s) =>
      prepared.decide(s.lead, {
        ...(s.now ? { now: s.now } : {}),
        ...(s.currentStage ? { currentStage: s.currentStage } : {}),
      });
  } catch (err) {
    return {
      error:
        err instanceof WorkflowInvalidError
          ? 'has errors (see Problems): fix them to see its distribution.'
          : `cannot be evaluated: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const labels = new Map(doc.nodes.map((n) => [n.id, n.label || n.id]));
  const bands: Distribution['bands'] = { total: new Map(), fit: new Map(), engagement: new Map() };
  const routes = new Map<string, RouteCount>();
  const stages = new Map<Stage, number>();
  const grades = doc.grade ? new Map<GradeName, number>() : null;
  for (const s of sample) {
    const o = decide(s);
    if (grades && o.grade) {
      const g = o.grade as GradeName;
      grades.set(g, (grades.get(g) ?? 0) + 1);
    }
    for (const k of SCORE_KINDS) {
      const b = bandOf(o.score[k]);
      bands[k].set(b, (bands[k].get(b) ?? 0) + 1);
    }
    const id = o.route?.nodeId ?? '';
    const r = routes.get(id) ?? {
      nodeId: id,
      kind: o.route?.kind ?? null,
      label: o.route ? routeText(o.route.kind, labels.get(id) ?? id) : routeName(null),
      leads: 0,
    };
    r.leads++;
    routes.set(id, r);
    stages.set(o.stage, (stages.get(o.stage) ?? 0) + 1);
  }
  return { leads: sample.length, bands, routes: [...routes.values()], stages, grades };
}

export const isEvaluated = (d: Distribution | NotEvaluated | null): d is Distribution =>
  d !== null && !('error' in d);

/** The bands both versions fill, lowest first, with the gaps between them (so the axis is even). */
export function bandStarts(...ds: (Map<number, number> | undefined)[]): number[] {
  const all = ds.flatMap((d) => (d ? [...d.keys()] : []));
  if (!all.length) return [];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const out: number[] = [];
  for (let b = lo; b <= hi; b += BAND) out.push(b);
  return out;
}
