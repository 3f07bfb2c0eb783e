import { describeOutcomes, NODE_KINDS, type OutcomeDescription, type Workflow } from '@qualify/rules';

type RouteData = ReturnType<(typeof NODE_KINDS)['route']['defaults']>;

/** A route with the ways a lead reaches it (from the rules core) and its data, for the SLA view. */
export interface Outcome extends OutcomeDescription {
  route: RouteData;
}

const PRIORITY = { high: 0, normal: 1, low: 2 } as const;
const KIND_ORDER = { sales: 0, nurture: 1, disqualify: 2 } as const;

function rank(r: RouteData): [number, number, number] {
  if (r.to === 'sales') return [KIND_ORDER.sales, PRIORITY[r.priority], r.sla.firstContactHours];
  return [KIND_ORDER[r.to], 0, 0];
}

/**
 * Where leads end, sales first (by priority and SLA), then nurture, then disqualify, each with what a
 * lead meets on every way there: the "A lead goes to Sales when ..." of the agreement.
 */
export function groupByOutcome(doc: Workflow): Outcome[] {
  const routes = new Map<string, RouteData>();
  for (const node of doc.nodes) {
    if (node.kind !== 'route') continue;
    const parsed = NODE_KINDS.route.dataSchema.safeParse(node.data);
    if (parsed.success) routes.set(node.id, parsed.data);
  }
  return describeOutcomes(doc)
    .flatMap((o) => {
      const route = routes.get(o.nodeId);
      return route ? [{ ...o, route }] : [];
    })
    .sort((a, b) => {
      const ra = rank(a.route);
      const rb = rank(b.route);
      return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
    });
}
