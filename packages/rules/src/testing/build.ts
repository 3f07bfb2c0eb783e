import {
  compile,
  type Decision,
  type Field,
  kindOf,
  prepare,
  SCHEMA_VERSION,
  type WorkflowEdge,
  type WorkflowInput,
} from '@qualify/rules';

/** The evaluation time every test uses unless it says otherwise. */
export const NOW = '2026-03-02T09:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const DAY_MS = 86_400_000;

/** An ISO time `days` (may be fractional) before NOW. */
export const daysAgo = (days: number): string => new Date(NOW_MS - days * DAY_MS).toISOString();

/** A catalogue with a field of every type; labels are what the plain-language view shows. */
export const FIELDS: Field[] = [
  { path: 'size', label: 'Company size', type: 'number', category: 'fit' },
  { path: 'title', label: 'Job title', type: 'string', category: 'fit' },
  { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
  { path: 'demo', label: 'Demo requested', type: 'boolean', category: 'engagement' },
  {
    path: 'industry',
    label: 'Industry',
    type: 'enum',
    category: 'fit',
    values: ['SaaS', 'FinTech', 'Retail'],
  },
  { path: 'lastVisit', label: 'Last visit', type: 'date', category: 'engagement' },
  { path: 'tags', label: 'Interests', type: 'stringList', category: 'engagement' },
  { path: 'company.country', label: 'Country', type: 'string', category: 'fit' },
];

export interface NodeSpec {
  id: string;
  kind: string;
  label?: string;
  data?: unknown;
}

/** `[from, port, to]`; the edge id is derived from the three. */
export type EdgeSpec = [from: string, port: string, to: string];

export const edge = ([from, port, to]: EdgeSpec): WorkflowEdge => ({
  id: `${from}-${port}-${to}`,
  from,
  port,
  to,
});

/** A workflow document from nodes and `[from, port, to]` edges; a fresh copy a test may break at will. */
export function workflow(
  nodes: NodeSpec[],
  edges: EdgeSpec[],
  fields: Field[] = FIELDS,
  id = 'test-workflow',
): WorkflowInput {
  return structuredClone({
    schemaVersion: SCHEMA_VERSION,
    id,
    name: 'Test workflow',
    fields,
    nodes: nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label ?? '', data: n.data ?? {} })),
    edges: edges.map(edge),
  });
}

/** A nurture route whose track names the exit a lead took: `exitOf` reads it back. */
export const routeTo = (id: string, track = id): NodeSpec => ({
  id,
  kind: 'route',
  data: { to: 'nurture', track },
});

/** The exit a lead took out of the node `around` built (the track of the route it ended on). */
export const exitOf = (d: Decision): string | undefined => d.route?.target;

/** The ports of a node of `kind` with `data` (its kind's schema applied); none when the data is invalid. */
export function portsOf(kind: string, data: unknown): string[] {
  const k = kindOf(kind);
  const parsed = k?.dataSchema.safeParse(data);
  return k && parsed?.success ? k.ports(parsed.data).map((p) => p.id) : [];
}

/**
 * The smallest workflow around one node: start → `before`... → the node (id `n`) → one nurture route
 * per exit, whose track is the port id. A route under test ends the path itself.
 */
export function around(
  kind: string,
  data: unknown,
  options: { fields?: Field[]; label?: string; before?: NodeSpec[] } = {},
): WorkflowInput {
  const before = options.before ?? [];
  const node: NodeSpec = { id: 'n', kind, label: options.label ?? '', data };
  const chain = [...before, node];
  const nodes: NodeSpec[] = [{ id: 'start', kind: 'start' }, ...chain];
  const edges: EdgeSpec[] = [];
  let prev = 'start';
  for (const n of chain) {
    edges.push([prev, 'next', n.id]);
    prev = n.id;
  }
  if (kind !== 'route') {
    for (const port of portsOf(kind, data)) {
      nodes.push(routeTo(`to-${port}`, port));
      edges.push(['n', port, `to-${port}`]);
    }
  }
  return workflow(nodes, edges, options.fields ?? FIELDS);
}

/** Compiles and prepares a workflow once; the result evaluates leads at NOW unless told otherwise. */
export function evaluator(wf: WorkflowInput): (lead: unknown, now?: string | number) => Decision {
  const prepared = prepare(compile(wf));
  return (lead, now = NOW) => prepared.evaluate(lead, { now });
}

/** Evaluates one lead against a workflow at NOW. */
export const run = (wf: WorkflowInput, lead: unknown, now: string | number = NOW): Decision =>
  evaluator(wf)(lead, now);

/** A score node before the node under test: one `+points` rule per entry, met when `field` is `true`. */
export function points(
  id: string,
  scoreType: 'fit' | 'engagement',
  rules: Record<string, number>,
  cap: number | null = null,
): NodeSpec {
  return {
    id,
    kind: 'score',
    data: {
      scoreType,
      cap,
      rules: Object.entries(rules).map(([flag, pts]) => ({
        id: flag,
        label: flag,
        condition: { type: 'compare', field: flag, op: 'eq', value: true },
        points: pts,
      })),
    },
  };
}

/** Boolean catalogue fields named by `points` rules. */
export const flags = (...paths: string[]): Field[] =>
  paths.map((path) => ({ path, label: path, type: 'boolean', category: 'fit' }));
